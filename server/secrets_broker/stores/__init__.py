"""Secret stores: one module per backend, all behind the Store protocol in base.py."""
