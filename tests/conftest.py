import os

# No model hub, ever: tests must pass offline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
