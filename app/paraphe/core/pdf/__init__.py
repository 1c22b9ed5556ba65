"""PDF files below signing and validation: where a PDF ends, and its pages drawn as pixels."""
