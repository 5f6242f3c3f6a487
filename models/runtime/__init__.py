"""Running text models over whole articles: the adapter Protocol and its shared parts.

Every adapter has the three steps of the Hugging Face pipelines, each with one
job: `preprocess` (texts -> length-sorted batches of windows, keeping character
offsets), `_forward` (tensors in, tensors out, nothing else), `postprocess`
(logits -> spans whose character offsets are the truth). Batching and
quantisation changes touch `_forward` only.
"""
