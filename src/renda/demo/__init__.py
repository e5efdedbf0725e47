"""The demo district behind `renda demo`: a deterministic 荣昌区, Chongqing (see `builder`)."""
