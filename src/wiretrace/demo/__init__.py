"""The bundled demo corpus: a fictional wire story, its rewrites and unrelated articles."""
