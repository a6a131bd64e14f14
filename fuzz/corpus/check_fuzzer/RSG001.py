# Syntax errors are reported where the parser gave up; valid modern syntax is not.
def ok(a, /, b, *, c):
    match a:
        case [x, *rest] if x > 0:
            return rest
        case {"k": v}:
            return v
    return f"{a!r:>{b}}"

async def gen():
    async with ctx() as c:
        yield [i async for i in c]

type Alias = list[int]

def broken(:  # error: RSG001
    pass

x = (1,  # error: RSG001
