def query(cur, email: str, table_id: int):
    cur.execute(f"SELECT * FROM users WHERE email = '{email}'")  # error: RSG408
    cur.execute("DELETE FROM t WHERE id = %s" % table_id)  # error: RSG408
    cur.execute("UPDATE t SET a = {}".format(email))  # error: RSG408
    sql = "SELECT * FROM t WHERE name = '" + email + "'"
    cur.execute(sql)  # error: RSG408
    cur.execute("SELECT * FROM users WHERE email = %s", (email,))
    cur.execute("SELECT " "* FROM t")
    cur.execute(f"Hello {email}")
    cur.execute(static_query)
