import os from "node:os";
import { parseArgs } from "node:util";

/** Everything one benchmark invocation is configured by; parsed once from the command line. */
export interface BenchOptions {
  editors: number;
  observers: number;
  /** Total document updates per second across all editors. */
  rate: number;
  durationS: number;
  warmupS: number;
  /** Observers that decode every update to time tokens (the rest only count frames and bytes). */
  samplers: number;
  /** Counting observers read their sockets in turns, each once per this many ms (0: at every frame); see readRotation.ts. */
  observerReadMs: number;
  /** Observers, and separately editors, that keep every update they receive for the convergence check. */
  replicas: number;
  paragraphs: number;
  workers: number;
  runs: number;
  /** Longest wait for acknowledgements and deliveries after the editors stop. */
  settleTimeoutS: number;
  jsonPath: string;
  /**
   * CPU other processes may use during the measured window (% of one core)
   * before a run counts as disturbed and is repeated; this machine is shared.
   */
  maxOtherCpuPct: number;
  /** Most attempts per run when runs keep being disturbed. */
  attempts: number;
  /** Longest wait, before each run, for the machine to go quiet. */
  quietWaitS: number;
  /** Extra node flags for the server process, e.g. `--cpu-prof`. */
  serverNodeArgs: string[];
  quick: boolean;
  /** Each run twice, without and with one socket flooding updates, then presence; reports the ratio. */
  flood: boolean;
  /** Comment load: editors post comments during the run; every observer must receive each; GET of the thread list is timed. */
  comments: boolean;
  /** With --comments: comments posted per second, over the editor accounts. */
  commentRate: number;
  /** With --comments: threads stored in the document before the run (for the timed GETs). */
  commentThreads: number;
  /** With --comments: timed GETs of the full thread list, before the load and again under it. */
  commentGets: number;
  /** Pin the server and the generator to different cores with taskset (implied by --compare). */
  pin: boolean;
  /** `taskset -c` lists for the server and for the generator when pinned. */
  serverCpus: string;
  generatorCpus: string;
  /** Side by side: Accord, Hocuspocus and a minimal relay over a ladder of loads (compare.ts). */
  compare: boolean;
  /** With --compare: the targets to drive, of accord, hocuspocus, relay. */
  targets: string[];
  /** With --compare: the ladder's rungs as `editors+observers@rate`, or "none". */
  ladder: string[];
  /** With --compare: runs of the target rung (300 + 3,000 at 1,000/s), the ladder's included. */
  targetRuns: number;
  /** With --compare: add 300 editors + 10,000 observers at 1,000 updates/s. */
  stretch: boolean;
  /** With --compare: the join storm's observers (0: no storm), its document's paragraphs and runs. */
  stormObservers: number;
  stormParagraphs: number;
  stormRuns: number;
  /** With --compare: print the tables from these earlier results files instead of running. */
  compareFrom: string[];
}

const USAGE = `Usage: npm run bench -- [options]
  --editors N        editing clients (default 300)
  --observers N      observing clients (default 3000)
  --rate N           updates per second across all editors (default 1000)
  --duration S       measured seconds (default 20)
  --warmup S         seconds of load before measuring (default 5)
  --samplers N       observers that decode updates to time them (default 50)
  --observer-read-ms N  counting observers read their sockets in turns, each every N ms; the samplers
                     that time edits read at once (default 250, 0 with --comments; 0: every socket at once)
  --replicas N       observers and editors that keep every update for the convergence check (default 3 each)
  --paragraphs N     paragraphs in the benchmark document (default 400)
  --workers N        load-generator threads (default: number of CPUs)
  --runs N           repeat on a fresh server and report medians (default 1)
  --settle S         longest wait for stragglers after the run (default 60)
  --json PATH        results file (default bench-results/latest.json)
  --max-other-cpu P  repeat a run when other processes used more than P % of a core (default 20)
  --attempts N       most attempts per run when runs keep being disturbed (default 3)
  --quiet-wait S     before each run, wait up to S seconds for an idle machine (default 300)
  --server-node-arg A  extra node flag for the server (repeatable), e.g. --cpu-prof
  --quick            20 editors, 200 observers, 100 updates/s, 5 s (flags given still win)
  --flood            each run twice, without and with one more socket flooding updates (first half of
                     the load), then presence (second half); reports everyone else's p99 in both
  --comments         comment load: editors post comments through the API during the run (with the
                     update load on), each must reach every observer live; the document starts with
                     stored threads whose full list is fetched and timed, before the load and under it
  --comment-rate N   with --comments: comments posted per second (default 10)
  --comment-threads N  with --comments: threads stored before the run (default 2000)
  --comment-gets N   with --comments: timed GETs of the thread list, each phase (default 20)
  --pin              server and generator on different cores (taskset; see --server-cpus, --generator-cpus)
  --server-cpus L    taskset list for the server when pinned (default 0)
  --generator-cpus L taskset list for the generator when pinned (default: the other cores)
  --compare          side by side: Accord, Hocuspocus 3.4.4 (SQLite) and a minimal relay, same generator,
                     pinned; a ladder of loads, the target rung repeated, a join storm; 10 s windows
  --targets LIST     with --compare: comma-separated, of accord,hocuspocus,relay (default all)
  --ladder LIST      with --compare: rungs as E+O@RATE, comma-separated, or none
                     (default 30+300, 100+1000, 300+3000 each @100, @300, @1000)
  --target-runs N    with --compare: runs of 300+3000@1000, the ladder's included (default 3; 0: none)
  --stretch          with --compare: also 300 editors + 10,000 observers at 1,000 updates/s
  --storm N          with --compare: observers joining at once in the join storm (default 3000; 0: none)
  --storm-paragraphs N  with --compare: paragraphs of the storm's document (default 2800, about 1.2 MB)
  --storm-runs N     with --compare: join storms per target (default 1)
  --from LIST        with --compare: no runs, the tables from these results files (comma-separated), pooled`;

/** Parses `argv` into {@link BenchOptions}; throws with the usage text on a bad flag. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      editors: { type: "string" },
      observers: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      samplers: { type: "string" },
      "observer-read-ms": { type: "string" },
      replicas: { type: "string" },
      paragraphs: { type: "string" },
      workers: { type: "string" },
      runs: { type: "string" },
      settle: { type: "string" },
      json: { type: "string" },
      "max-other-cpu": { type: "string" },
      "quiet-wait": { type: "string" },
      attempts: { type: "string" },
      "server-node-arg": { type: "string", multiple: true },
      quick: { type: "boolean", default: false },
      flood: { type: "boolean", default: false },
      comments: { type: "boolean", default: false },
      "comment-rate": { type: "string" },
      "comment-threads": { type: "string" },
      "comment-gets": { type: "string" },
      pin: { type: "boolean", default: false },
      "server-cpus": { type: "string" },
      "generator-cpus": { type: "string" },
      compare: { type: "boolean", default: false },
      targets: { type: "string" },
      ladder: { type: "string" },
      "target-runs": { type: "string" },
      stretch: { type: "boolean", default: false },
      storm: { type: "string" },
      "storm-paragraphs": { type: "string" },
      "storm-runs": { type: "string" },
      from: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const quick = values.quick === true;
  const compare = values.compare === true;
  const defaults = compare
    ? { editors: 300, observers: 3000, rate: 1000, duration: 10, warmup: 3, samplers: 50 }
    : quick
    ? { editors: 20, observers: 200, rate: 100, duration: 5, warmup: 1, samplers: 20 }
    : { editors: 300, observers: 3000, rate: 1000, duration: 20, warmup: 5, samplers: 50 };
  const num = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}\n\n${USAGE}`);
    return n;
  };
  const int = (name: string, raw: string | undefined, fallback: number, min: number) =>
    Math.floor(num(name, raw, fallback, min));

  const options: BenchOptions = {
    editors: int("editors", values.editors, defaults.editors, 1),
    observers: int("observers", values.observers, defaults.observers, 1),
    rate: num("rate", values.rate, defaults.rate, 0.1),
    durationS: num("duration", values.duration, defaults.duration, 1),
    warmupS: num("warmup", values.warmup, defaults.warmup, 0),
    samplers: int("samplers", values.samplers, defaults.samplers, 1),
    // Comment latency is stamped by every observer when it reads (not only by the sampling ones), so with
    // --comments every socket reads at once.
    observerReadMs: num("observer-read-ms", values["observer-read-ms"], values.comments === true ? 0 : 250, 0),
    replicas: int("replicas", values.replicas, 3, 1),
    paragraphs: int("paragraphs", values.paragraphs, 400, 1),
    workers: int("workers", values.workers, os.availableParallelism(), 1),
    runs: int("runs", values.runs, 1, 1),
    settleTimeoutS: num("settle", values.settle, 60, 1),
    jsonPath: values.json ?? "bench-results/latest.json",
    maxOtherCpuPct: num("max-other-cpu", values["max-other-cpu"], 20, 0),
    quietWaitS: num("quiet-wait", values["quiet-wait"], 300, 0),
    attempts: int("attempts", values.attempts, 3, 1),
    serverNodeArgs: values["server-node-arg"] ?? [],
    quick,
    flood: values.flood === true,
    comments: values.comments === true,
    commentRate: num("comment-rate", values["comment-rate"], 10, 0.1),
    commentThreads: int("comment-threads", values["comment-threads"], 2000, 0),
    commentGets: int("comment-gets", values["comment-gets"], 20, 1),
    pin: values.pin === true || compare,
    serverCpus: values["server-cpus"] ?? "0",
    generatorCpus: values["generator-cpus"] ?? otherCpus(values["server-cpus"] ?? "0"),
    compare,
    targets: (values.targets ?? "accord,hocuspocus,relay").split(",").map((t) => t.trim()).filter(Boolean),
    ladder: values.ladder === "none" ? [] : (values.ladder ?? DEFAULT_LADDER).split(",").map((r) => r.trim()).filter(Boolean),
    targetRuns: int("target-runs", values["target-runs"], 3, 0),
    stretch: values.stretch === true,
    stormObservers: int("storm", values.storm, 3000, 0),
    stormParagraphs: int("storm-paragraphs", values["storm-paragraphs"], 2800, 1),
    stormRuns: int("storm-runs", values["storm-runs"], 1, 1),
    compareFrom: values.from ? values.from.split(",").map((f) => f.trim()).filter(Boolean) : [],
  };
  for (const t of options.targets) {
    if (!["accord", "hocuspocus", "relay"].includes(t)) throw new Error(`--targets: unknown target ${t}\n\n${USAGE}`);
  }
  for (const rung of options.ladder) parseRung(rung);
  if (options.observerReadMs > 0 && options.observerReadMs < 20) {
    throw new Error(`--observer-read-ms must be 0 (read at once) or at least 20 (two 10 ms turns)\n\n${USAGE}`);
  }
  if (options.comments && options.observerReadMs > 0) {
    throw new Error("--comments times comments at every observer as it reads them: use --observer-read-ms 0 (its default with --comments)");
  }
  // Replicas and samplers are observers too; they must fit.
  options.samplers = Math.min(options.samplers, Math.max(1, options.observers - options.replicas));
  if (options.observers < options.samplers + options.replicas) {
    throw new Error(`--observers must be at least --samplers + --replicas (${options.samplers + options.replicas})`);
  }
  if (options.editors < options.replicas) throw new Error(`--editors must be at least --replicas (${options.replicas})`);
  return options;
}

/** The ladder: 1 editor per 10 observers at three sizes, each at three rates. */
const DEFAULT_LADDER = ["30+300", "100+1000", "300+3000"].flatMap((size) => [100, 300, 1000].map((rate) => `${size}@${rate}`)).join(",");

/** One rung of the --compare ladder. */
export interface Rung {
  editors: number;
  observers: number;
  rate: number;
}

/** Reads `E+O@RATE`. */
export function parseRung(text: string): Rung {
  const match = /^(\d+)\+(\d+)@(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new Error(`--ladder: a rung is written editors+observers@rate, e.g. 300+3000@1000, not ${text}`);
  return { editors: Number(match[1]), observers: Number(match[2]), rate: Number(match[3]) };
}

/** The cores other than `serverCpus` (a single core number), as a taskset list; the server's own when there is no other. */
function otherCpus(serverCpus: string): string {
  const all = Array.from({ length: os.cpus().length }, (_, i) => i);
  const others = all.filter((i) => String(i) !== serverCpus.trim());
  return others.length > 0 ? others.join(",") : serverCpus;
}
