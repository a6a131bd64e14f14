import os

OPENAI_API_KEY = "sk-proj-4f9XbQ2kLm8ZrT1vWc7YhN3sPa6D"  # error: RSG401
GROQ = "gsk_8dF3kLq9ZpX2mN7vB4tR6wY1"  # error: RSG401
AWS_ID = "AKIAIOSFODNN7EXAMPL3"  # error: RSG401
GH = "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ"  # error: RSG401
headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9x7Qp2Lm9Zr4T"}  # error: RSG401
DB_PASSWORD = "Xk9#mQ2$vL7pR4wZ"  # error: RSG401
client = make_client(api_key="a8F3kQ9zLm2Xp7Rt4Vw6")  # error: RSG401

PLACEHOLDER = "sk-your-openai-key-here"
EXAMPLE_KEY = "sk-..."
API_KEY_ENV = "OPENAI_API_KEY"
api_key = os.environ.get("OPENAI_API_KEY")
token = os.getenv("GITHUB_TOKEN", "")
PASSWORD_HELP = "Enter the password for the admin account"
TOKEN_URL = "https://auth.example.com/oauth2/token/v1/abc123"
max_tokens = 4096
SECRET_NAME = "prod/openai/api-key"
auth = f"Bearer {api_key}"
DOC = """Set OPENAI_API_KEY=sk-... in .env"""
