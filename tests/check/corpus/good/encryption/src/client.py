import dataclasses
import os

import temporalio.converter
from restack_ai import Restack
from restack_ai.restack import CloudConnectionOptions

from src.codec import EncryptionCodec

RESTACK_API_KEY_VAR = "RESTACK_ENGINE_API_KEY"

connection_options = CloudConnectionOptions(
    engine_id=os.getenv("RESTACK_ENGINE_ID"),
    address=os.getenv("RESTACK_ENGINE_ADDRESS"),
    api_key=os.getenv(RESTACK_API_KEY_VAR),
    api_address=os.getenv("RESTACK_ENGINE_API_ADDRESS"),
    data_converter=dataclasses.replace(
        temporalio.converter.default(), payload_codec=EncryptionCodec()
    ),
)
client = Restack(connection_options)
