#!/usr/bin/python3
"""Differential oracle: renders template cases with Python Jinja2 and prints the results as JSON.

stdin:  a JSON list of cases {name, source, vars?, options?, templates?}
stdout: a JSON list, one entry per case, in order:
        {"output": "..."}                                  on success
        {"error": "Type: message", "line": n, "template": t}   on failure
Value convention for `vars` (see differential.test.ts): JSON numbers with an integer value are Python ints,
other numbers floats; {"$float": x} is float(x); {"$tuple": [...]} a tuple; {"$markup": s} markupsafe.Markup;
any other object is a dict.
"""
import json
import sys
import traceback

import jinja2
import markupsafe

UNDEFINED = {
    "default": jinja2.Undefined,
    "chainable": jinja2.ChainableUndefined,
    "debug": jinja2.DebugUndefined,
    "strict": jinja2.StrictUndefined,
}

OPTION_NAMES = {
    "blockStart": "block_start_string",
    "blockEnd": "block_end_string",
    "variableStart": "variable_start_string",
    "variableEnd": "variable_end_string",
    "commentStart": "comment_start_string",
    "commentEnd": "comment_end_string",
    "lineStatementPrefix": "line_statement_prefix",
    "lineCommentPrefix": "line_comment_prefix",
    "trimBlocks": "trim_blocks",
    "lstripBlocks": "lstrip_blocks",
    "keepTrailingNewline": "keep_trailing_newline",
    "newlineSequence": "newline_sequence",
    "autoescape": "autoescape",
    "extensions": "extensions",
}


def decode(v):
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$float":
                return float(x)
            if k == "$tuple":
                return tuple(decode(i) for i in x)
            if k == "$markup":
                return markupsafe.Markup(x)
        return {k: decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def make_env(case):
    opts = case.get("options") or {}
    kwargs = {}
    for key, value in opts.items():
        if key == "undefined":
            kwargs["undefined"] = UNDEFINED[value]
        elif key in OPTION_NAMES:
            kwargs[OPTION_NAMES[key]] = value
        else:
            raise ValueError(f"unknown option {key}")
    templates = case.get("templates") or {}

    def load(name):
        if name in templates:
            return templates[name], name, lambda: True
        return None

    return jinja2.Environment(loader=jinja2.FunctionLoader(load), **kwargs)


def error_position(exc):
    """The template line of an exception: Jinja's own for syntax errors, else the innermost template frame."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno, exc.name
    line = None
    name = None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            line = tb.tb_lineno
            name = code.co_filename
        tb = tb.tb_next
    return line, name


def run(case):
    try:
        env = make_env(case)
        template = env.from_string(case["source"])
        out = template.render(decode(case.get("vars") or {}))
        return {"output": out}
    except Exception as e:  # noqa: BLE001 - every exception is a result here
        msg = e.message if isinstance(e, jinja2.TemplateSyntaxError) else str(e)
        line, name = error_position(e)
        rv = {"error": f"{type(e).__name__}: {msg}"}
        if line is not None:
            rv["line"] = line
        if name is not None:
            rv["template"] = name
        return rv


def main():
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append(run(case))
        except BaseException:  # noqa: BLE001
            results.append({"error": "HarnessError: " + traceback.format_exc()})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
