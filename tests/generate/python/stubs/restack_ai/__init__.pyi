# Type stubs for restack-ai 0.0.94, written from ../shared/restack-sdk.md (call sites in
# Restack's own examples). Only what generated projects use, typed as strictly as the docs allow.
from restack_ai.restack import Restack as Restack
