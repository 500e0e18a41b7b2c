// The Python side of the plugin bridge, shipped as text and run with `python3 -c`. It speaks JSON lines on its own
// copy of stdout (the plugin's prints go to stderr), loads makejinja plugin classes from the import paths, and runs
// their functions, filters, tests and path filters on request. When makejinja is not installed it provides a
// stand-in `makejinja.plugin` module so `class Plugin(makejinja.plugin.Plugin)` still imports.
//
// Values cross as JSON with tags: {"$int": "12"} for ints (so 1 and 1.0 stay apart), {"$float": "nan"} for
// non-finite floats, {"$tuple": [...]}, {"$dict": [[k, v], ...]} (keys of any type, order kept), and
// {"$callable": id, "name": n} for Python callables found in plugin data. Plain JSON numbers are floats.
export const BRIDGE_SCRIPT = String.raw`
import sys, os, json, math, types, inspect, traceback, datetime, copy
from pathlib import Path

_proto = os.fdopen(os.dup(1), 'w', encoding='utf-8', buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

_callables = {}

def _register(fn, kind='call'):
    cid = len(_callables) + 1
    _callables[cid] = (fn, kind)
    return cid

def _name(fn):
    return getattr(fn, '__name__', None) or type(fn).__name__

def enc(v):
    if v is None or isinstance(v, (bool, str)):
        return str(v) if isinstance(v, str) and type(v) is not str else v
    if isinstance(v, int):
        return {'$int': str(v)}
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return {'$float': repr(v)}
        return v
    if isinstance(v, tuple):
        return {'$tuple': [enc(x) for x in v]}
    if isinstance(v, (list, set, frozenset)):
        return [enc(x) for x in v]
    if hasattr(v, 'items') and callable(v.items):
        return {'$dict': [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, (datetime.date, datetime.time, Path)):
        return str(v)
    if isinstance(v, bytes):
        return v.decode('utf-8', 'replace')
    if callable(v):
        return {'$callable': _register(v), 'name': _name(v)}
    return str(v)

def dec(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, list):
        return [dec(x) for x in v]
    if isinstance(v, dict):
        if '$int' in v:
            return int(v['$int'])
        if '$float' in v:
            return float(v['$float'])
        if '$tuple' in v:
            return tuple(dec(x) for x in v['$tuple'])
        if '$dict' in v:
            return {dec(k): dec(x) for k, x in v['$dict']}
        if '$none' in v:
            return None
    return v

def _install_makejinja_standin():
    try:
        import makejinja  # noqa: F401
        return
    except ImportError:
        pass
    from collections import abc
    from typing import Any
    mj = types.ModuleType('makejinja')
    plugin = types.ModuleType('makejinja.plugin')
    config = types.ModuleType('makejinja.config')
    class Plugin:
        """Stand-in for makejinja.plugin.Plugin (makejinja is not installed)."""
        def __init__(self, *args, **kwargs):
            pass
    plugin.Plugin = Plugin
    plugin.AbstractLoader = Plugin
    try:
        plugin.Data = abc.Mapping[str, Any]
        plugin.MutableData = abc.MutableMapping[str, Any]
        plugin.Filter = abc.Callable[[Any], Any]
        plugin.Filters = abc.Sequence[plugin.Filter]
        plugin.Function = abc.Callable[..., Any]
        plugin.Functions = abc.Sequence[plugin.Function]
        plugin.Test = abc.Callable[..., Any]
        plugin.Tests = abc.Sequence[plugin.Test]
        plugin.Policies = abc.Mapping[str, Any]
        plugin.Extensions = abc.Sequence[Any]
        plugin.PathFilter = abc.Callable[[Path], bool]
        plugin.PathFilters = abc.Sequence[plugin.PathFilter]
    except TypeError:
        for n in ('Data', 'MutableData', 'Filter', 'Filters', 'Function', 'Functions', 'Test', 'Tests',
                  'Policies', 'Extensions', 'PathFilter', 'PathFilters'):
            setattr(plugin, n, Any)
    class Config:
        pass
    config.Config = Config
    mj.plugin = plugin
    mj.loader = plugin
    mj.config = config
    sys.modules.update({'makejinja': mj, 'makejinja.plugin': plugin, 'makejinja.loader': plugin,
                        'makejinja.config': config})

# Jinja's DEFAULT_POLICIES, so a plugin may read or change env.policies as it would in makejinja.
_POLICY_DEFAULTS = {'compiler.ascii_str': True, 'urlize.rel': 'noopener', 'urlize.target': None,
                    'urlize.extra_schemes': None, 'truncate.leeway': 5, 'json.dumps_function': None,
                    'json.dumps_kwargs': {'sort_keys': True}, 'ext.i18n.trimmed': False}

class _EnvStandIn:
    """Passed as env/environment: what a plugin puts in these dicts is registered like its own lists."""
    def __init__(self):
        self.globals = {}
        self.filters = {}
        self.tests = {}
        self.policies = copy.deepcopy(_POLICY_DEFAULTS)

    def changed_policies(self):
        return {k: v for k, v in self.policies.items() if k not in _POLICY_DEFAULTS or v != _POLICY_DEFAULTS[k]}

def _import_string(name):
    if ':' in name:
        module, obj = name.split(':', 1)
    elif '.' in name:
        module, _, obj = name.rpartition('.')
    else:
        return __import__(name)
    return getattr(__import__(module, None, None, [obj]), obj)

def _where(tb):
    frames = traceback.extract_tb(tb)
    if not frames:
        return None
    f = frames[-1]
    return '%s:%d in %s' % (f.filename, f.lineno, f.name)

def _error(e):
    return {'type': type(e).__name__, 'message': str(e), 'where': _where(e.__traceback__)}

def op_init(req):
    _install_makejinja_standin()
    for p in req.get('importPaths', []):
        sys.path.append(p)
    return {'python': sys.version.split()[0]}

def op_load(req):
    entry = req['entry']
    cls = _import_string(entry)
    mod = sys.modules.get(getattr(cls, '__module__', '') or '')
    source = getattr(mod, '__file__', None)
    env = _EnvStandIn()
    cfg = types.SimpleNamespace(**(dec(req.get('config')) or {}))
    for k in ('inputs', 'data', 'import_paths'):
        if isinstance(getattr(cfg, k, None), list):
            setattr(cfg, k, tuple(Path(p) for p in getattr(cfg, k)))
    if isinstance(getattr(cfg, 'output', None), str):
        cfg.output = Path(cfg.output)
    data = dec(req.get('data'))
    params = {}
    sig = inspect.signature(cls).parameters
    if sig.get('env'):
        params['env'] = env
    if sig.get('environment'):
        params['environment'] = env
    if sig.get('data'):
        params['data'] = data
    if sig.get('config'):
        params['config'] = cfg
    plugin = cls(**params)
    out = {'file': source, 'functions': [], 'filters': [], 'tests': [], 'pathFilters': [], 'data': None,
           'extensions': [], 'policies': None}
    def fns(kind, items):
        return [{'id': _register(f, kind), 'name': _name(f)} for f in items]
    if hasattr(plugin, 'globals'):
        out['functions'] += fns('call', plugin.globals())
    if hasattr(plugin, 'functions'):
        out['functions'] += fns('call', plugin.functions())
    if hasattr(plugin, 'data'):
        out['data'] = enc(dict(plugin.data()))
    if hasattr(plugin, 'extensions'):
        out['extensions'] = [e if isinstance(e, str) else '%s.%s' % (e.__module__, e.__qualname__) for e in plugin.extensions()]
    if hasattr(plugin, 'filters'):
        out['filters'] += fns('call', plugin.filters())
    if hasattr(plugin, 'tests'):
        out['tests'] += fns('call', plugin.tests())
    own = dict(plugin.policies()) if hasattr(plugin, 'policies') else {}
    if hasattr(plugin, 'path_filters'):
        out['pathFilters'] = [_register(f, 'path') for f in plugin.path_filters()]
    # makejinja: env.policies.update(plugin.policies()), over whatever the plugin set on env.policies itself
    policies = env.changed_policies()
    policies.update(own)
    out['policies'] = enc(policies)
    for name, f in env.globals.items():
        out['functions'].append({'id': _register(f), 'name': name}) if callable(f) else None
    if any(not callable(v) for v in env.globals.values()):
        extra = {k: v for k, v in env.globals.items() if not callable(v)}
        base = dec(out['data']) if out['data'] else {}
        base.update(extra)
        out['data'] = enc(base)
    out['filters'] += [{'id': _register(f), 'name': n} for n, f in env.filters.items()]
    out['tests'] += [{'id': _register(f), 'name': n} for n, f in env.tests.items()]
    return out

def op_call(req):
    fn, kind = _callables[req['fn']]
    args = [dec(a) for a in req.get('args', [])]
    kwargs = {k: dec(v) for k, v in (req.get('kwargs') or {}).items()}
    if kind == 'path':
        return {'value': bool(fn(Path(args[0])))}
    return {'value': enc(fn(*args, **kwargs))}

OPS = {'init': op_init, 'load': op_load, 'call': op_call}

for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    req = json.loads(line)
    if req.get('op') == 'exit':
        break
    try:
        res = OPS[req['op']](req)
        res['ok'] = True
    except BaseException as e:
        res = {'ok': False, 'error': _error(e)}
    res['id'] = req.get('id')
    try:
        text = json.dumps(res)
    except (TypeError, ValueError) as e:
        text = json.dumps({'id': req.get('id'), 'ok': False, 'error': _error(e)})
    _proto.write(text + '\n')
    _proto.flush()
`;
