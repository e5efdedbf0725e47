from renda.assessment import services


def rongchang_table(congress, year: int = 2024, publish: bool = True):
    """The Rongchang-style preset table for `congress` and `year` (adds the preset catalogue)."""
    return services.table_from_preset(actor="test", congress=congress, year=year, publish=publish)
