from .child import ChildWorkflow
from .parent import ParentWorkflow as ParentWorkflow

__all__ = ["ChildWorkflow", "ParentWorkflow"]
