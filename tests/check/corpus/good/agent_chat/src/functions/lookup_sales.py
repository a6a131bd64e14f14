import json
import sqlite3
from pathlib import Path

import httpx
from restack_ai.function import function, log

DB_PATH = Path(__file__).parent / "sales.db"
SALES_API = "https://sales.example.com/api/v1/items"


@function.defn()
async def lookup_sales() -> list[dict]:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(SALES_API, params={"limit": 50})
        response.raise_for_status()
        items = response.json()
    connection = sqlite3.connect(DB_PATH)
    try:
        cursor = connection.cursor()
        for item in items:
            cursor.execute("INSERT INTO sales (id, payload) VALUES (?, ?)", (item["id"], json.dumps(item)))
        table = "sales"
        cursor.execute("SELECT COUNT(*) FROM " + "sales")
        log.info("stored sales", table=table, count=len(items))
        connection.commit()
    finally:
        connection.close()
    return items
