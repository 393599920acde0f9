/**
 * A genome as a back-end-independent PyNN script: LIF populations as
 * IF_curr_exp / IF_cond_exp, Poisson inputs, explicit connection lists drawn
 * in numpy from the seed (as the Brian2 export draws them), per-synapse
 * delays and pair STDP. What PyNN's standard models cannot say is left out
 * with a comment in the script and a warning naming the rule.
 *
 * Units. Neuroplay's LIF is tau_m dv/dt = (v_rest - v) + ge - gi + i_bias
 * with ge, gi, i_bias in mV; PyNN's is c_m dv/dt = c_m (v_rest - v) / tau_m + I
 * with I in nA. Multiplying Neuroplay's by c_m / tau_m shows I = x c_m / tau_m
 * for every input x in mV: i_offset = i_bias c_m / tau_m, and since a synaptic
 * current jumps by its weight and decays with tau_syn in both, a weight of
 * w mV is w c_m / tau_m nA (not / tau_syn). A conductance g in units of the
 * leak is likewise g c_m / tau_m uS. The script fixes c_m = 1 nF.
 *
 * Time steps. Neuroplay holds a synaptic input over each step before it
 * decays; PyNN's back ends integrate the decaying current exactly. The script
 * sets tau_syn so that a PSP carries Neuroplay's charge (its `held_tau`),
 * which brought the plastic test's inhibitory rate from 3 sd below
 * Neuroplay's into agreement.
 */
import { delayToSteps, projectionName, skipsSelf, type Genome } from '@/model';
import {
  builtSize,
  conductanceTargets,
  DRAW_HELPERS,
  emptyAtSnapshot,
  groupNames,
  leaveOut,
  neurogenesisRule,
  plainStdp,
  populationState,
  projectionState,
  py,
  pyBool,
  pyDistribution,
  sensorLines,
  stateDocLines,
  stateLoadLines,
  topographicCall,
  unexportedRuleName,
  WEIGHT_SUMMARY_HELPER,
  type ExportedScript,
  type ExportOptions,
  type ScriptState,
} from './shared';

/** The PyNN back end the script imports unless run with --simulator. */
const DEFAULT_BACK_END = 'brian2';

const PYNN_HELPERS = `

def probability(n_source, n_target, p, skip_self):
    """Each pair with probability p (not i -> i when skip_self)."""
    keep = rng.uniform(size=(n_source, n_target)) < p
    if skip_self:
        np.fill_diagonal(keep, False)
    return np.nonzero(keep)


def connection_list(i, j, weight_nA, delay_steps_):
    """Rows (i, j, weight, delay ms) for FromListConnector."""
    return np.column_stack([i, j, weight_nA, delay_steps_ * DT_MS])


def held_tau(tau_syn_ms, tau_m_ms):
    """The tau_syn that gives a PSP Neuroplay's charge. Neuroplay holds a synaptic input
    over each step before it decays, so a unit weight delivers dt / (1 - exp(-dt / tau))
    of charge, not tau (5.254 ms for 5 ms at dt 0.5 ms). Nudged 0.1 % where it would
    equal tau_m: some back ends' exact solution (pyNN.brian2) divides by the difference."""
    tau = DT_MS / (1 - np.exp(-DT_MS / tau_syn_ms))
    return tau * 1.001 if abs(tau - tau_m_ms) < 1e-9 else tau


def regular_train(rate_hz, phase):
    """Spike times (ms) of a regular source: its phase reaches 1 every 1 / rate, starting from phase."""
    if rate_hz <= 0:
        return Sequence([])
    return Sequence((1 - phase + np.arange(int(rate_hz * DURATION_S) + 1)) * 1000.0 / rate_hz)`;

interface Context {
  genome: Genome;
  names: string[];
  /** LIF populations that receive a conductance-based projection: IF_cond_exp. */
  conductance: Set<number>;
  /** Populations the script builds (Izhikevich ones are left out). */
  built: Set<number>;
  state?: ScriptState;
  warnings: string[];
}

function sourceLines(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  if (p.neuron.model !== 'spike_source') return;
  const name = ctx.names[index];
  const size = builtSize(ctx.genome, ctx.state, index);
  const rate = ctx.state ? populationState(index, 'rate_hz') : py(p.neuron.rate_hz);
  if (p.neuron.process === 'poisson') {
    lines.push(`# Poisson (Neuroplay draws one Bernoulli per step with p = rate dt).`, `${name} = sim.Population(${size}, sim.SpikeSourcePoisson(rate=${rate}), label=${JSON.stringify(p.name)})`);
  } else {
    lines.push(
      `# Regular with random start phases, as Neuroplay's phase that fires each time it reaches 1.`,
      `rates, phase = np.broadcast_to(${rate}, ${size}), rng.uniform(0, 1, ${size})`,
      `${name} = sim.Population(${size}, sim.SpikeSourceArray(spike_times=[regular_train(r, f) for r, f in zip(rates, phase)]), label=${JSON.stringify(p.name)})`,
    );
  }
}

/** The synaptic input at the snapshot in PyNN's units (nA or uS, as the weights; inhibitory currents negative). */
function carriedInputs(index: number, conductance: boolean, tauM: string): string {
  const scale = `CM_NF / ${tauM}`;
  return conductance
    ? `gsyn_exc=${populationState(index, 'gE')} * ${scale}, gsyn_inh=${populationState(index, 'gI')} * ${scale}`
    : `isyn_exc=${populationState(index, 'ge')} * ${scale}, isyn_inh=-${populationState(index, 'gi')} * ${scale}`;
}

function lifLines(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  const n = p.neuron;
  if (n.model !== 'lif') return;
  const name = ctx.names[index];
  const conductance = ctx.conductance.has(index);
  const size = builtSize(ctx.genome, ctx.state, index);
  const reversal = conductance ? `, e_rev_E=${py(n.e_exc_mV)}, e_rev_I=${py(n.e_inh_mV)}` : '';
  if (p.adaptive_threshold) leaveOut('PyNN', ctx, lines, `population ${p.name}`, 'the adaptive threshold', 'the threshold stays at v_thresh');
  lines.push(
    `# LIF, c_m = CM_NF; i_offset = i_bias c_m / tau_m (see the header); synaptic taus as held_tau says.`,
    `${name} = sim.Population(${size}, sim.${conductance ? 'IF_cond_exp' : 'IF_curr_exp'}(cm=CM_NF, tau_m=${py(n.tau_m_ms)}, v_rest=${py(n.v_rest_mV)}, v_reset=${py(n.v_reset_mV)}, v_thresh=${py(n.v_thresh_mV)},`,
    `    tau_refrac=${py(n.t_ref_ms)}, tau_syn_E=held_tau(${py(n.tau_e_ms)}, ${py(n.tau_m_ms)}), tau_syn_I=held_tau(${py(n.tau_i_ms)}, ${py(n.tau_m_ms)}), i_offset=${py(n.i_bias_mV)} * CM_NF / ${py(n.tau_m_ms)}${reversal}), label=${JSON.stringify(p.name)})`,
    ctx.state
      ? `${name}.initialize(v=${populationState(index, 'v')}, ${carriedInputs(index, conductance, py(n.tau_m_ms))})`
      : `${name}.initialize(v=draw(${size}, ${pyDistribution(p.init_v_mV ?? { kind: 'constant', value: n.v_rest_mV })}))`,
  );
}

function populationBlock(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  const at = `population ${p.name}`;
  lines.push('', `# --- population ${p.name}: ${p.size} ${p.neuron.model} neurons, ${p.sign}, ${p.role} ---`);
  lines.push(...sensorLines(ctx.genome, p, ctx.state));
  if (p.neurogenesis) leaveOut('PyNN', ctx, lines, at, neurogenesisRule(ctx.genome, ctx.state, index), 'the population keeps its size');
  if (p.negative_drive) leaveOut('PyNN', ctx, lines, at, 'negative drive', 'it is not applied');
  const n = p.neuron;
  if (n.model === 'spike_source') sourceLines(ctx, index, lines);
  else if (n.model === 'lif') lifLines(ctx, index, lines);
  else {
    leaveOut('PyNN', ctx, lines, at, `the Izhikevich neuron (${n.preset})`, 'the population and its projections are not built');
    return;
  }
  ctx.built.add(index);
}

function pairsLines(ctx: Context, index: number, source: number, target: number, lines: string[]): void {
  const { genome } = ctx;
  const projection = genome.projections[index];
  if (ctx.state) {
    lines.push(`i, j = ${projectionState(index, 'i')}.astype(int), ${projectionState(index, 'j')}.astype(int)  # the synapses in use at the snapshot`);
    return;
  }
  const skipSelf = skipsSelf(projection);
  const py_bool = pyBool(skipSelf);
  const skipNote = skipSelf ? ', never i -> i' : '';
  const c = projection.connectivity;
  const ns = genome.populations[source].size;
  const nt = genome.populations[target].size;
  switch (c.kind) {
    case 'probability':
      lines.push(`i, j = probability(${ns}, ${nt}, ${py(c.p)}, ${py_bool})  # each pair with probability p${skipNote}`);
      break;
    case 'fixed_indegree':
      lines.push(`i, j = fixed_indegree(${ns}, ${nt}, ${c.k}, ${py_bool})  # ${c.k} distinct sources per target${skipNote}`);
      break;
    case 'one_to_one':
      lines.push(skipSelf ? `i, j = np.zeros(0, int), np.zeros(0, int)  # one_to_one without i -> i connects nothing` : `i = j = np.arange(${Math.min(ns, nt)})  # source i -> target i`);
      break;
    case 'topographic':
      lines.push(`i, j = ${topographicCall(genome, source, target, c, skipSelf)}  # within radius ${c.radius}${skipNote}`);
      break;
  }
}

/** The projection, or undefined when the script leaves it out. */
function projectionBlock(ctx: Context, index: number, lines: string[]): { name: string; plastic: boolean; tauM: number } | undefined {
  const { genome, names } = ctx;
  const projection = genome.projections[index];
  const label = projectionName(projection);
  const at = `projection ${label}`;
  const source = genome.populations.findIndex((p) => p.name === projection.source);
  const target = genome.populations.findIndex((p) => p.name === projection.target);
  const post = genome.populations[target].neuron;
  const excitatory = genome.populations[source].sign === 'excitatory';
  const conductance = projection.synapse === 'conductance';
  lines.push('', `# ${label}: ${projection.source} (${genome.populations[source].sign}) -> ${projection.target}, ${conductance ? 'conductance-based' : 'current-based'}.`);
  if (!ctx.built.has(source) || !ctx.built.has(target) || post.model !== 'lif') {
    lines.push(`# Not built: its source or target is not exported.`);
    return undefined;
  }
  if (emptyAtSnapshot(ctx.state, index)) {
    lines.push('# Not built: it had no synapse in use at the snapshot.');
    return undefined;
  }
  if (!conductance && ctx.conductance.has(target)) {
    leaveOut('PyNN', ctx, lines, at, 'a current-based projection into an IF_cond_exp population', 'it is not built');
    return undefined;
  }
  const rule = projection.plasticity;
  const stdp = plainStdp(projection);
  if (rule && !stdp) {
    leaveOut('PyNN', ctx, lines, at, unexportedRuleName(rule), 'the weights stay fixed');
  }
  if (projection.normalization) leaveOut('PyNN', ctx, lines, at, `weight normalization (total ${projection.normalization.total})`, 'incoming sums are not rescaled');
  if (projection.structural) leaveOut('PyNN', ctx, lines, at, 'structural plasticity (pruning and growth)', 'the connectome keeps its shape');

  const name = `prj_${index}`;
  const toPyNN = `CM_NF / ${py(post.tau_m_ms)}`;
  let synapse = 'sim.StaticSynapse()';
  if (stdp) {
    const pre = genome.populations[source].trace;
    const postTrace = genome.populations[target].trace;
    if (pre.mode === 'set' || postTrace.mode === 'set')
      leaveOut('PyNN', ctx, lines, at, 'nearest-spike traces (trace mode set)', "PyNN's pair rule sums over all spike pairs");
    const dependence = stdp.form === 'additive' ? 'AdditiveWeightDependence' : 'MultiplicativeWeightDependence';
    lines.push(
      `# Pair STDP, ${stdp.form}: PyNN's A_plus, A_minus are Neuroplay's a_plus, a_minus (additive steps are A w_max,`,
      `# multiplicative A (w_max - w) and A (w - w_min), as in Neuroplay); w_min, w_max in nA like the weights.`,
      `# tau_plus, tau_minus are the pre and post traces' tau. Neuroplay pairs a pre spike when it is emitted (a dendritic delay).`,
      `stdp = sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=${py(pre.tau_ms)}, tau_minus=${py(postTrace.tau_ms)}, A_plus=${py(stdp.a_plus)}, A_minus=${py(stdp.a_minus)}),`,
      `    weight_dependence=sim.${dependence}(w_min=${py(stdp.w_min)} * ${toPyNN}, w_max=${py(stdp.w_max)} * ${toPyNN}), weight=0.0, delay=DT_MS,`,
      `    dendritic_delay_fraction=DENDRITIC_DELAY_FRACTION)`,
    );
    synapse = 'stdp';
  }
  pairsLines(ctx, index, source, target, lines);
  const steps = ctx.state
    ? projectionState(index, 'delay_steps')
    : projection.delay_ms.kind === 'constant' ? `np.full(len(i), ${delayToSteps(projection.delay_ms.value, genome.dt_ms)})` : `delay_steps(len(i), ${pyDistribution(projection.delay_ms)})`;
  // PyNN's current-based inhibitory weights are negative; conductances stay positive.
  const sign = !conductance && !excitatory ? '-' : '';
  lines.push(
    `w = ${ctx.state ? projectionState(index, 'w') : `np.maximum(0, draw(len(i), ${pyDistribution(projection.weight)}))`}  # Neuroplay's weight, ${conductance ? 'relative to the leak' : 'mV'}`,
    `${name} = sim.Projection(${names[source]}, ${names[target]}, sim.FromListConnector(connection_list(i, j, ${sign}w * ${toPyNN}, ${steps}), column_names=['weight', 'delay']),`,
    `    ${synapse}, receptor_type=${excitatory ? "'excitatory'" : "'inhibitory'"}, label=${JSON.stringify(label)})`,
  );
  return { name, plastic: stdp !== undefined, tauM: post.tau_m_ms };
}

/** The genome as a runnable PyNN script (brian2 back end unless told), and a warning per rule it leaves out. */
export function exportPyNN(genome: Genome, options: ExportOptions = { durationS: 1 }): ExportedScript {
  const names = groupNames(genome);
  const ctx: Context = { genome, names, conductance: conductanceTargets(genome), built: new Set(), state: options.state, warnings: [] };

  const populationLines: string[] = [];
  genome.populations.forEach((_, i) => populationBlock(ctx, i, populationLines));
  const projectionLines: string[] = [];
  const plastic: { label: string; name: string; tauM: number }[] = [];
  genome.projections.forEach((projection, i) => {
    const block = projectionBlock(ctx, i, projectionLines);
    if (block?.plastic) plastic.push({ label: projectionName(projection), name: block.name, tauM: block.tauM });
  });
  const built = genome.populations.flatMap((p, i) => (ctx.built.has(i) ? [`${JSON.stringify(p.name)}: ${names[i]}`] : []));

  const from = options.source ?? genome.name;
  const script = [
    '#!/usr/bin/env python3',
    `"""${genome.name.replace(/"""/g, "'''")}`,
    '',
    `Exported from Neuroplay (${from}) for PyNN. Run it with`,
    '',
    `    python3 this_file.py [--simulator brian2|nest|neuron]   (default ${DEFAULT_BACK_END})`,
    '',
    'pyNN.nest runs the same script on NEST (and under MPI). It builds the same',
    'populations, projections, delays, inputs and pair STDP; the simulator draws',
    "its own Poisson spikes, so the network is Neuroplay's in distribution, not",
    "spike for spike. At the end it prints one JSON line: each population's mean",
    "rate (Hz) and each plastic projection's weight distribution (count, mean, sd,",
    "percentiles; Neuroplay's units) before and after the run.",
    ...(options.state ? stateDocLines(options.state, genome.dt_ms, 'synaptic inputs') : []),
    ...(ctx.warnings.length ? ['', 'Left out (no PyNN equivalent):', ...ctx.warnings.map((w) => `  - ${w}`)] : []),
    '"""',
    'import argparse',
    'import importlib',
    'import json',
    ...(options.state ? ['import os'] : []),
    '',
    'import numpy as np',
    'from pyNN.parameters import Sequence',
    '',
    'parser = argparse.ArgumentParser()',
    `parser.add_argument('--simulator', default=${JSON.stringify(DEFAULT_BACK_END)}, help='PyNN back end: brian2, nest or neuron')`,
    'SIMULATOR = parser.parse_args().simulator',
    'sim = importlib.import_module("pyNN." + SIMULATOR)  # e.g. import pyNN.brian2 as sim',
    '# STDP pairs a pre spike at emission in Neuroplay and NEST (delay on the dendrite, fraction 1);',
    '# pyNN.brian2 pairs it at arrival only (fraction 0).',
    "DENDRITIC_DELAY_FRACTION = 0.0 if SIMULATOR == 'brian2' else 1.0",
    '',
    `SEED = ${genome.seed}`,
    `DT_MS = ${py(genome.dt_ms)}`,
    `DURATION_S = ${py(options.durationS)}`,
    'CM_NF = 1.0  # membrane capacitance; currents and weights are scaled by it (see the header of the exporter)',
    '# PyNN delays are whole steps here, at least one: a spike sent at t reaches the target at t + delay.',
    'sim.setup(timestep=DT_MS, min_delay=DT_MS, rng_seeds_seed=SEED)',
    "if SIMULATOR == 'brian2':  # pyNN.brian2 leaves Brian2's own generator (Poisson sources) unseeded",
    '    import brian2',
    '    brian2.seed(SEED)',
    DRAW_HELPERS + PYNN_HELPERS + WEIGHT_SUMMARY_HELPER,
    ...(options.state ? stateLoadLines(options.state) : []),
    ...populationLines,
    ...projectionLines,
    '',
    '# --- run and report ---',
    `populations = {${built.join(', ')}}`,
    'for population in populations.values():',
    "    population.record('spikes')",
    `plastic = {${plastic.map((p) => `${JSON.stringify(p.label)}: (${p.name}, ${py(p.tauM)})`).join(', ')}}`,
    'weights = lambda: {label: np.array(prj.get("weight", format="list", with_address=False)) * tau_m / CM_NF for label, (prj, tau_m) in plastic.items()}',
    'weights_start = {label: weight_summary(w) for label, w in weights().items()}',
    'sim.run(DURATION_S * 1000.0)',
    'print(json.dumps({',
    "    'duration_s': DURATION_S,",
    "    'rates_hz': {label: float(population.mean_spike_count()) / DURATION_S for label, population in populations.items()},",
    "    'weights_start': weights_start,",
    "    'weights': {label: weight_summary(w) for label, w in weights().items()},",
    '}))',
    'sim.end()',
    '',
  ].join('\n');
  return { script, warnings: ctx.warnings };
}
