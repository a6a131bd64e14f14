// RSG106 network-in-workflow: Network clients (HTTP, sockets, LLM SDKs) in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace network_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"requests", "calls the network", "call the network from a function (workflow.step)"},
      {"httpx", "calls the network", "call the network from a function (workflow.step)"},
      {"aiohttp", "calls the network", "call the network from a function (workflow.step)"},
      {"urllib.request", "calls the network", "call the network from a function (workflow.step)"},
      {"urllib3", "calls the network", "call the network from a function (workflow.step)"},
      {"http.client", "calls the network", "call the network from a function (workflow.step)"},
      {"socket", "opens a socket", "call the network from a function (workflow.step)"},
      {"smtplib", "calls the network", "send mail from a function (workflow.step)"},
      {"ftplib", "calls the network", "call the network from a function (workflow.step)"},
      {"websockets", "calls the network", "call the network from a function (workflow.step)"},
      {"grpc", "calls the network", "call the network from a function (workflow.step)"},
      {"openai", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"anthropic", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"cohere", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"groq", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"mistralai", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"cerebras", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"google.generativeai", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"google.genai", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"litellm", "is an LLM client", "call the LLM from a function (workflow.step)"},
      {"boto3", "calls the network", "call AWS from a function (workflow.step)"},
      {"redis", "calls the network", "call the database from a function (workflow.step)"},
      {"psycopg2", "calls the network", "call the database from a function (workflow.step)"},
      {"pymongo", "calls the network", "call the database from a function (workflow.step)"},
  });
}

}  // namespace network_in_workflow_impl

const Rule& network_in_workflow_rule() {
  static const Rule rule{{"RSG106", "network-in-workflow", Severity::kError, "Network clients (HTTP, sockets, LLM SDKs) in workflow code",
                          "Workflow code is replayed: a network call made from it runs again on every replay and its answer may differ. It also blocks the workflow task. Network and LLM calls belong in functions, called with workflow.step, whose results are recorded.",
                          R"PY(from openai import OpenAI
from restack_ai.workflow import workflow

@workflow.defn()
class Chat:
    @workflow.run
    async def run(self, prompt: str):
        return OpenAI().responses.create(model="gpt-4o", input=prompt)
)PY",
                          R"PY(from datetime import timedelta
from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.llm_chat import llm_chat

@workflow.defn()
class Chat:
    @workflow.run
    async def run(self, prompt: str):
        return await workflow.step(function=llm_chat, function_input=prompt,
                                   start_to_close_timeout=timedelta(minutes=2))
)PY"},
                         {Kind::kReference},
                         network_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
