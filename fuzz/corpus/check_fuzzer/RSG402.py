import logging
import os

from restack_ai.function import log

logger = logging.getLogger(__name__)


def go(api_key: str, password: str, token_count: int, settings):
    log.info("calling", api_key=api_key)  # error: RSG402
    logger.debug(f"password is {password}")  # error: RSG402
    logging.info("key %s", os.environ["OPENAI_API_KEY"])  # error: RSG402
    log.info("usage", token_count=token_count, max_tokens=10)
    log.info("key set", api_key_set=bool(api_key))
    logger.info("key length %d", len(api_key))
    log.info("settings", model=settings.model)
    print(api_key)
