"""paperlint as a language server (``paperlint server``): diagnostics, quick fixes and the outline.

The server needs pygls (``pip install 'paperlint[lsp]'``); the rest of paperlint does not.
"""
