"""The one contract every model adapter follows: preprocess / `_forward` / postprocess.

As in the Hugging Face pipelines, each step has one job:

  preprocess   inputs (texts, pairs) -> a batched plan whose `model_inputs` are tensor dicts,
               with whatever postprocess needs to map outputs back (character offsets, rows)
  _forward     one tensor dict -> one output tensor; the only step that runs the network
  postprocess  the plan and the outputs of every batch -> one result per input

Only `_forward` touches the network: a quantized module, another batch size or device is a
change to what `_forward` calls, never to the steps around it. Postprocessing runs on
hand-built tensors in tests, no model needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

import torch

Plan = TypeVar("Plan", bound="BatchPlan")


@runtime_checkable
class BatchPlan(Protocol):
    """What preprocess returns: the batches to run, in order."""

    @property
    def model_inputs(self) -> Sequence[dict[str, torch.Tensor]]: ...


@runtime_checkable
class ModelAdapter(Protocol[Plan]):
    def preprocess(self, inputs: Sequence[Any]) -> Plan: ...

    def _forward(self, model_inputs: dict[str, torch.Tensor]) -> torch.Tensor: ...

    def postprocess(self, plan: Plan, outputs: Sequence[torch.Tensor]) -> list[Any]: ...


def run_adapter(adapter: ModelAdapter[Plan], inputs: Sequence[Any]) -> list[Any]:
    """The three steps in order: what every adapter's `__call__` does."""
    plan = adapter.preprocess(inputs)
    return adapter.postprocess(plan, [adapter._forward(batch) for batch in plan.model_inputs])
