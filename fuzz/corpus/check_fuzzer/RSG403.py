import builtins


def run(code: str, ns: dict):
    eval(code)  # error: RSG403
    exec(code, ns)  # error: RSG403
    ast_value = literal_eval(code)
    model.eval()
    return ns


def shadow(eval):
    return eval("x")
