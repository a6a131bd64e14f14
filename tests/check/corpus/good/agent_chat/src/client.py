from restack_ai import Restack

client = Restack()
