"""The check helpers shared by the official-client compatibility scripts."""

import traceback

results = []


def check(name, condition, detail=""):
    """Records one named check and prints its outcome."""
    results.append((name, bool(condition)))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f"  {detail}"))


def run(name, call, expect):
    """Runs one client call; the check passes when it returns and `expect` holds for its result."""
    try:
        value = call()
        check(name, expect(value), repr(value)[:300])
        return value
    except Exception as error:  # noqa: BLE001 - any failure of a call is a failed check
        check(name, False, "".join(traceback.format_exception_only(type(error), error)).strip()[:500])
        return None


def finish():
    """Prints the 'N passed, N failed' line and returns the process exit code."""
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
