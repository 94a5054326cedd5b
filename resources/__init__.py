"""Files that travel with OKR Desk: icons and licence texts, read with importlib.resources."""
