"""The demo district behind `renda demo`: a deterministic 荣昌区, Chongqing.

`catalogue` holds its fixed data, `plan` draws it (people and seats in `deputies`), `builder`
writes it."""
