// The TypeScript shape of rules/models/schema.json: sources, sinks, sanitizers, validators and
// propagators of one framework or library, as data. Callee names are resolved paths: an imported
// name is `<module>.<export>` (`child_process.exec`, `subprocess.run`, `flask.request`), a global is
// its name (`eval`, `location.href`); `*` matches within one path segment.

export type ModelLanguage = 'js' | 'python';

/** Where a taint label comes from and how much it is trusted. */
export type TrustLevel = 'high' | 'low';

export interface CallMatch {
  /** Resolved callee paths (globs with `*`). */
  callee?: string[];
  /** Method names called on any receiver… */
  method?: string[];
  /** …whose receiver (its last name, or its full text) matches this regex, or has this object role (`@express.Response`). */
  receiver?: string;
  /** Only for `new X()` (true) or plain calls (false). */
  new?: boolean;
}

export interface ArgCondition {
  /** An object-literal argument (JS) with this key… */
  option?: string;
  /** …or a keyword argument (Python) with this name… */
  kwarg?: string;
  /** …or the positional argument at this index. */
  index?: number;
  /** …whose literal value (or the callee path of its value, e.g. `yaml.SafeLoader`) matches this regex; omitted: present at all. */
  matches?: string;
  /** Truthy literal required (`shell: true`, `shell=True`). */
  truthy?: boolean;
}

export interface SinkModel extends CallMatch {
  /** Sink kind, the key flow rules select on (`sql`, `command`, `path`, `html`, …). */
  kind: string;
  /** Argument index that must not be tainted, or '*' for every argument. */
  arg?: number | '*';
  /** Keyword argument name (Python) that is the same sink (`url=`). */
  kwarg?: string;
  /** Inside that argument, only this field path (`dangerouslySetInnerHTML.__html`). */
  field?: string;
  /** Argument is an argv: of a list literal only the first element (the program) counts. */
  argv?: boolean;
  /** Property assignments that are this sink (`innerHTML`, global `location.href`). */
  store?: string[];
  when?: ArgCondition;
  unless?: ArgCondition;
  /** Free text for messages, e.g. "a SQL query". */
  what?: string;
  /** Only in files importing one of these modules. */
  imports?: string[];
  /** Only when the value's literal prefix matches this regex (`ctx.body = '<p>' + x` is HTML). */
  valuePrefix?: string;
  /** Only for paths normalised on the way (`path.join`): Express's `send` refuses `..` in raw paths. */
  normalizedOnly?: boolean;
  /** The argument is certainly of this kind (a raw SQL API), whatever its text looks like. */
  certain?: boolean;
  /** Only when the receiver is the result of a call whose text matches this regex (`h = createHash('md5'); h.update(x)`). */
  receiverCall?: string;
}

export interface SanitizerModel extends CallMatch {
  /** Member reads that return cleaned data (`cleaned_data`, `validated_data`). */
  member?: string[];
  /** Sink kinds the result is safe for; '*' for all. */
  clears: '*' | string[];
  /** Only when argument `index` (a literal string or regex) matches. */
  argMatches?: { index: number; regex: string };
  /** The call throws unless its argument is valid (`schema.parse(req.body)`): the argument counts as validated after it. */
  validatesArgs?: boolean;
  /** A check on the result checks the arguments: `rel = path.relative(root, full); if (rel.startsWith('..')) return`. */
  checkedByResult?: boolean;
}

export interface PropagatorModel extends CallMatch {
  /** Which values flow into the result: the arguments, the first argument only, the receiver, or both. */
  from: 'args' | 'first' | 'receiver' | 'both';
  /** The result is a string built from them (so SQL/HTML built by it counts as built). */
  builds?: boolean;
  /** The result is them turned into a string (`String(x)`, `str(x)`). */
  stringifies?: boolean;
  /** The result is a normalised path (`..` segments resolved). */
  normalizes?: boolean;
}

export interface CallbackModel extends CallMatch {
  /** Parameter index → the value it receives: `receiver`, `receiver.element`, `arg<N>`, a label (`error`). */
  params: Record<string, string>;
  /** Only when argument 0 is this string (`req.on('data', …)`). */
  event?: string;
  /** The call's value: the callback's return (`then`), an array of them (`map`), or the receiver (`filter`). */
  result?: 'callback' | 'elements' | 'receiver';
}

export interface ObjectModel {
  /** Field → label (`request`) or nested object (`@koa.Request`). */
  fields?: Record<string, string>;
  /** Method → label of what it returns, or `@Object` for a chained object (`status` on a response). */
  methods?: Record<string, string>;
  /** Writing this field is a sink (`ctx.body = x` is a response). */
  stores?: Record<string, string>;
}

export interface ParamRole {
  /** The object the parameter is (`express.Request`) or a label it carries (`request`). */
  object?: string;
  label?: string;
  names?: string[];
  /** Type annotations (as written, last segment compared too). */
  annotations?: string[];
  index?: number;
  /** Only in functions passed to a route registration (`app.get('/x', fn)`), or decorated as a route. */
  handlerOnly?: boolean;
  /** Only in files importing one of these modules. */
  imports?: string[];
  /** TypeScript parameter decorators (`Body`, `Query`); the decorator's first string argument picks a field. */
  decorators?: string[];
  /** Only parameters of functions with these names (Next.js `GET`, `POST`)… */
  functions?: string[];
  /** …that are exported. */
  exported?: boolean;
  /** Only in functions under this directive (`use server`), their own or the file's. */
  directive?: string;
  /** A parameter annotated with a class (a DTO) is validated by the framework. */
  dtoValidated?: boolean;
}

export interface SourceModel {
  /** A global or imported path that is input (`location.search`, `sys.argv`, `flask.request`). */
  path?: string[];
  /** …or a call that returns input (`input`, `os.getenv`). */
  call?: string[];
  /** …or a method whose receiver is the result of a call matching `receiverCall` (`createHash('md5')…digest()`): a labelled value, not input. */
  method?: string[];
  receiverCall?: string;
  /** The call's result is a labelled value (a digest), not input: the file is not walked for it. */
  value?: boolean;
  label?: string;
  /** The path is an object with its own fields/methods. */
  object?: string;
  trust?: TrustLevel;
  /** Elements or fields of the path that are not input: `process.argv[0]` is the runtime's own path. */
  notInput?: string[];
}

export interface RouteModel {
  /** Registration methods (`get`, `post`, `route`) on receivers matching `receiver`. */
  methods: string[];
  receiver?: string;
  /** Object roles of the handler's parameters by index. */
  params: string[];
  /** Error handlers (4 parameters) get these instead. */
  errorParams?: string[];
  imports?: string[];
  /** Python: decorators with these method names make the function a route; its parameters are input. */
  decorator?: boolean;
}

export interface ModelSample {
  code: string;
  language?: string;
  /** Rule id expected (match) or not expected (noMatch) on the sample. */
  rule: string;
}

export interface ModelPack {
  model: string;
  description?: string;
  languages: ModelLanguage[];
  objects?: Record<string, ObjectModel>;
  sources?: SourceModel[];
  params?: ParamRole[];
  routes?: RouteModel[];
  sinks?: SinkModel[];
  sanitizers?: SanitizerModel[];
  /** Calls used in guards that validate their arguments (`isValidObjectId(x)`), or middleware that validates the request. */
  validators?: CallMatch[];
  middleware?: CallMatch[];
  propagators?: PropagatorModel[];
  callbacks?: CallbackModel[];
  /** Calls that never return (`abort()`, `sys.exit()`). */
  exits?: CallMatch[];
  /** Annotations that mean "validated" (`int`, `UUID`, DTO-looking classes via regex). */
  cleanAnnotations?: string[];
  tests: { match: ModelSample[]; noMatch: ModelSample[] };
}
