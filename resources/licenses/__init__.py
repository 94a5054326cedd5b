"""Licence texts of everything the OKR Desk bundle carries; index.json lists them."""
