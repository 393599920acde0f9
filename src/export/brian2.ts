/**
 * A genome as a readable Brian2 script: the same populations, projections,
 * delays, inputs and pair STDP, with the seed. Brian2 draws its own random
 * numbers, so the exported network is the same network in distribution, not
 * spike for spike. What Brian2 has no equivalent of is left out with a
 * comment in the script and a warning naming the rule.
 */
import { delayToSteps, IZHIKEVICH_PRESETS, projectionName, skipsSelf, type Genome, type Population } from '@/model';
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

interface Context {
  genome: Genome;
  names: string[];
  /** Populations whose spike trace some exported STDP rule reads. */
  traced: Set<number>;
  /** Populations that receive a conductance-based projection. */
  conductance: Set<number>;
  state?: ScriptState;
  warnings: string[];
}

function traceLines(p: Population): { eq: string[]; reset: string[] } {
  return {
    eq: [`dx/dt = -x / (${py(p.trace.tau_ms)}*ms) : 1  # spike trace read by STDP`],
    reset: [p.trace.mode === 'add' ? 'x += 1' : 'x = 1'],
  };
}

/** With a state: the group's synaptic input and spike trace as they were at the snapshot. */
function carriedInputLines(ctx: Context, index: number, lines: string[]): void {
  if (!ctx.state) return;
  const name = ctx.names[index];
  if (ctx.genome.populations[index].neuron.model !== 'spike_source') {
    lines.push(`${name}.ge = ${populationState(index, 'ge')}*mV`, `${name}.gi = ${populationState(index, 'gi')}*mV`);
    if (ctx.conductance.has(index)) lines.push(`${name}.gE = ${populationState(index, 'gE')}`, `${name}.gI = ${populationState(index, 'gI')}`);
  }
  if (ctx.traced.has(index)) lines.push(`${name}.x = ${populationState(index, 'trace')}`);
}

function sourceBlock(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  if (p.neuron.model !== 'spike_source') return;
  const name = ctx.names[index];
  const trace = ctx.traced.has(index) ? traceLines(p) : { eq: [], reset: [] };
  const size = builtSize(ctx.genome, ctx.state, index);
  lines.push(...sensorLines(ctx.genome, p, ctx.state));
  if (p.neuron.process === 'poisson') {
    lines.push(
      `# Poisson: one Bernoulli draw per step with p = rate dt, as Neuroplay draws it.`,
      `${name} = NeuronGroup(${size}, '''`,
      `rate : Hz`,
      ...trace.eq,
      `''', threshold='rand() < rate * dt', reset=${JSON.stringify(trace.reset.join('; '))}, method='euler', name=${JSON.stringify(name)})`,
    );
  } else {
    lines.push(
      `# Regular: the phase advances by rate dt per step and fires each time it reaches 1; random start phases.`,
      `${name} = NeuronGroup(${size}, '''`,
      `rate : Hz`,
      `dphase/dt = rate : 1`,
      ...trace.eq,
      `''', threshold='phase >= 1', reset=${JSON.stringify(['phase -= 1', ...trace.reset].join('; '))}, method='euler', name=${JSON.stringify(name)})`,
      `${name}.phase = rng.uniform(0, 1, ${size})`,
    );
  }
  lines.push(ctx.state ? `${name}.rate = ${populationState(index, 'rate_hz')}*Hz` : `${name}.rate = ${py(p.neuron.rate_hz)}*Hz`);
}

function synapticEquations(ctx: Context, index: number, p: Population & { neuron: { tau_e_ms: number; tau_i_ms: number } }): string[] {
  const eq = [`dge/dt = -ge / (${py(p.neuron.tau_e_ms)}*ms) : volt  # current-based excitatory input`, `dgi/dt = -gi / (${py(p.neuron.tau_i_ms)}*ms) : volt  # current-based inhibitory input`];
  if (ctx.conductance.has(index))
    eq.push(`dgE/dt = -gE / (${py(p.neuron.tau_e_ms)}*ms) : 1  # excitatory conductance, relative to the leak`, `dgI/dt = -gI / (${py(p.neuron.tau_i_ms)}*ms) : 1  # inhibitory conductance`);
  return eq;
}

function conductanceTerm(ctx: Context, index: number, p: { e_exc_mV: number; e_inh_mV: number }): string {
  return ctx.conductance.has(index) ? ` + gE * (${py(p.e_exc_mV)}*mV - v) + gI * (${py(p.e_inh_mV)}*mV - v)` : '';
}

function lifBlock(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  const n = p.neuron;
  if (n.model !== 'lif') return;
  const name = ctx.names[index];
  const trace = ctx.traced.has(index) ? traceLines(p) : { eq: [], reset: [] };
  const theta = p.adaptive_threshold;
  const thetaEq = theta ? [`dtheta/dt = -theta / (${py(theta.tau_theta_ms)}*ms) : volt  # adaptive threshold (Diehl & Cook 2015)`] : [];
  const thetaReset = theta ? [`theta += ${py(theta.theta_plus_mV)}*mV`] : [];
  const conductance = ctx.conductance.has(index);
  const size = builtSize(ctx.genome, ctx.state, index);
  lines.push(
    `# LIF: tau_m dv/dt = (v_rest - v) + ge - gi + i_bias${conductance ? ' + gE (e_exc - v) + gI (e_inh - v)' : ''}; held at v_reset for t_ref after a spike.`,
    `${name} = NeuronGroup(${size}, '''`,
    `dv/dt = (${py(n.v_rest_mV)}*mV - v + ge - gi + ${py(n.i_bias_mV)}*mV${conductanceTerm(ctx, index, n)}) / (${py(n.tau_m_ms)}*ms) : volt (unless refractory)`,
    ...synapticEquations(ctx, index, { ...p, neuron: n }),
    ...thetaEq,
    ...trace.eq,
    `''', threshold=${JSON.stringify(`v >= ${py(n.v_thresh_mV)}*mV${theta ? ' + theta' : ''}`)}, reset=${JSON.stringify([`v = ${py(n.v_reset_mV)}*mV`, ...thetaReset, ...trace.reset].join('; '))},`,
    // Exponential Euler holds the inputs over the step, as Neuroplay does; 'exact' divides by zero when tau_m equals a synaptic tau.
    `    refractory=${py(n.t_ref_ms)}*ms, method='exponential_euler', name=${JSON.stringify(name)})`,
    ctx.state ? `${name}.v = ${populationState(index, 'v')}*mV` : `${name}.v = draw(${size}, ${pyDistribution(p.init_v_mV ?? { kind: 'constant', value: n.v_rest_mV })})*mV`,
  );
  if (theta && ctx.state) lines.push(`${name}.theta = ${populationState(index, 'theta')}*mV`);
}

function izhikevichBlock(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  const n = p.neuron;
  if (n.model !== 'izhikevich') return;
  const preset = IZHIKEVICH_PRESETS[n.preset];
  const a = n.a ?? preset.a;
  const b = n.b ?? preset.b;
  const name = ctx.names[index];
  const trace = ctx.traced.has(index) ? traceLines(p) : { eq: [], reset: [] };
  const size = builtSize(ctx.genome, ctx.state, index);
  lines.push(
    `# Izhikevich (2003), ${n.preset}: dv/dt = 0.04 v^2 + 5 v + 140 - u + I (mV, ms), du/dt = a (b v - u); forward Euler as in Neuroplay.`,
    `${name} = NeuronGroup(${size}, '''`,
    `dv/dt = (0.04/mV * v**2 + 5*v + 140*mV - u + ge - gi + ${py(n.i_bias)}*mV${conductanceTerm(ctx, index, n)}) / ms : volt`,
    `du/dt = ${py(a)} * (${py(b)} * v - u) / ms : volt`,
    ...synapticEquations(ctx, index, { ...p, neuron: n }),
    ...trace.eq,
    `''', threshold='v >= 30*mV', reset=${JSON.stringify([`v = ${py(n.c ?? preset.c)}*mV`, `u += ${py(n.d ?? preset.d)}*mV`, ...trace.reset].join('; '))}, method='euler', name=${JSON.stringify(name)})`,
    ...(ctx.state
      ? [`${name}.v = ${populationState(index, 'v')}*mV`, `${name}.u = ${populationState(index, 'u')}*mV`]
      : [`${name}.v = draw(${size}, ${pyDistribution(p.init_v_mV ?? { kind: 'constant', value: -65 })})*mV`, `${name}.u = ${py(b)} * ${name}.v  # the rest point's recovery`]),
  );
}

function populationWarnings(ctx: Context, index: number, lines: string[]): void {
  const p = ctx.genome.populations[index];
  const at = `population ${p.name}`;
  if (p.neurogenesis) leaveOut('Brian2', ctx, lines, at, neurogenesisRule(ctx.genome, ctx.state, index), 'it is left out');
  if (p.negative_drive) leaveOut('Brian2', ctx, lines, at, 'negative drive', 'it is left out');
}

function connectLines(ctx: Context, index: number, source: number, target: number, name: string, lines: string[]): void {
  const { genome } = ctx;
  const projection = genome.projections[index];
  if (ctx.state) {
    lines.push(`${name}.connect(i=${projectionState(index, 'i')}, j=${projectionState(index, 'j')})  # the synapses in use at the snapshot`);
    return;
  }
  const skipSelf = skipsSelf(projection);
  const c = projection.connectivity;
  const ns = genome.populations[source].size;
  const nt = genome.populations[target].size;
  const skipNote = skipSelf ? ', never i -> i' : '';
  switch (c.kind) {
    case 'probability':
      lines.push(`${name}.connect(${skipSelf ? "condition='i != j', " : ''}p=${py(c.p)})  # each pair with probability p${skipNote}`);
      break;
    case 'fixed_indegree':
      lines.push(`i, j = fixed_indegree(${ns}, ${nt}, ${c.k}, ${pyBool(skipSelf)})  # ${c.k} distinct sources per target${skipNote}`, `${name}.connect(i=i, j=j)`);
      break;
    case 'one_to_one':
      if (skipSelf) lines.push(`# one_to_one without i -> i pairs connects nothing.`);
      else lines.push(`${name}.connect(j='i', skip_if_invalid=True)  # source i -> target i`);
      break;
    case 'topographic':
      lines.push(`i, j = ${topographicCall(genome, source, target, c, skipSelf)}`, `${name}.connect(i=i, j=j)  # pairs within radius ${c.radius} of each other's layout position${skipNote}`);
      break;
  }
}

/** The projection's Synapses, or undefined when it has nothing to build. */
function projectionBlock(ctx: Context, index: number, lines: string[]): { name: string; plastic: boolean } | undefined {
  const { genome, names } = ctx;
  const projection = genome.projections[index];
  const label = projectionName(projection);
  const source = genome.populations.findIndex((p) => p.name === projection.source);
  const target = genome.populations.findIndex((p) => p.name === projection.target);
  const excitatory = genome.populations[source].sign === 'excitatory';
  const conductance = projection.synapse === 'conductance';
  const variable = conductance ? (excitatory ? 'gE' : 'gI') : excitatory ? 'ge' : 'gi';
  const deliver = `${variable}_post += w${conductance ? '' : '*mV'}`;
  const name = `syn_${index}`;
  const stdp = plainStdp(projection);
  const at = `projection ${label}`;

  lines.push(
    `# ${label}: ${projection.source} (${genome.populations[source].sign}) -> ${projection.target}, ${conductance ? 'conductance-based, w relative to the leak' : 'current-based, w in mV'}.`,
  );
  if (emptyAtSnapshot(ctx.state, index)) {
    lines.push('# Not built: it had no synapse in use at the snapshot.');
    return undefined;
  }
  const rule = projection.plasticity;
  if (rule && !stdp) {
    leaveOut('Brian2', ctx, lines, at, unexportedRuleName(rule), 'the weights stay fixed');
  }
  if (projection.normalization) leaveOut('Brian2', ctx, lines, at, `weight normalization (total ${projection.normalization.total})`, 'incoming sums are not rescaled');
  if (projection.structural) leaveOut('Brian2', ctx, lines, at, 'structural plasticity (pruning and growth)', 'the connectome keeps its shape');

  if (stdp) {
    const bound = (d: string) => `clip(${d}, ${py(stdp.w_min)}, ${py(stdp.w_max)})`;
    const depress = stdp.form === 'additive' ? `${py(stdp.w_max)}` : `(w - ${py(stdp.w_min)})`;
    const potentiate = stdp.form === 'additive' ? `${py(stdp.w_max)}` : `(${py(stdp.w_max)} - w)`;
    lines.push(
      `# Pair STDP, ${stdp.form} (Song et al. 2000): a pre spike depresses by a_minus x_post, a post spike potentiates by a_plus x_pre.`,
      `# 'learn' acts when the pre spike is emitted, 'pre' when it arrives, as in Neuroplay.`,
      `${name} = Synapses(${names[source]}, ${names[target]}, model='w : 1',`,
      `    on_pre={'pre': '${deliver}', 'learn': 'w = ${bound(`w - ${py(stdp.a_minus)} * ${depress} * x_post`)}'},`,
      `    on_post='w = ${bound(`w + ${py(stdp.a_plus)} * ${potentiate} * x_pre`)}', name='${name}')`,
    );
  } else {
    lines.push(`${name} = Synapses(${names[source]}, ${names[target]}, model='w : 1 (constant)', on_pre='${deliver}', name='${name}')`);
  }
  connectLines(ctx, index, source, target, name, lines);
  lines.push(ctx.state ? `${name}.w = ${projectionState(index, 'w')}` : `${name}.w = np.maximum(0, draw(len(${name}), ${pyDistribution(projection.weight)}))`);
  const steps = projection.delay_ms.kind === 'constant' ? delayToSteps(projection.delay_ms.value, genome.dt_ms) : undefined;
  // Neuroplay integrates a delivery in the step it arrives at; Brian2 delivers after that step's update, so one step less.
  const delay = ctx.state
    ? `(${projectionState(index, 'delay_steps')} - 1) * defaultclock.dt`
    : steps !== undefined
      ? `${steps - 1} * defaultclock.dt`
      : `(delay_steps(len(${name}), ${pyDistribution(projection.delay_ms)}) - 1) * defaultclock.dt`;
  lines.push(`${name}.pre.delay = ${delay}  # Neuroplay's delay minus the step Brian2 adds by delivering after the update`);
  return { name, plastic: stdp !== undefined };
}

/** The genome as a runnable Brian2 script, and a warning per rule it leaves out. */
export function exportBrian2(genome: Genome, options: ExportOptions = { durationS: 1 }): ExportedScript {
  const names = groupNames(genome);
  const index = (name: string) => genome.populations.findIndex((p) => p.name === name);
  const traced = new Set<number>();
  for (const projection of genome.projections)
    if (plainStdp(projection)) traced.add(index(projection.source)).add(index(projection.target));
  const ctx: Context = { genome, names, traced, conductance: conductanceTargets(genome), state: options.state, warnings: [] };

  const populationLines: string[] = [];
  genome.populations.forEach((p, i) => {
    populationLines.push('', `# --- population ${p.name}: ${p.size} ${p.neuron.model} neurons, ${p.sign}, ${p.role} ---`);
    populationWarnings(ctx, i, populationLines);
    sourceBlock(ctx, i, populationLines);
    lifBlock(ctx, i, populationLines);
    izhikevichBlock(ctx, i, populationLines);
    carriedInputLines(ctx, i, populationLines);
  });
  const projectionLines: string[] = [];
  const plastic: { label: string; name: string }[] = [];
  const synapses: string[] = [];
  genome.projections.forEach((projection, i) => {
    projectionLines.push('');
    const block = projectionBlock(ctx, i, projectionLines);
    if (block) synapses.push(block.name);
    if (block?.plastic) plastic.push({ label: projectionName(projection), name: block.name });
  });

  const from = options.source ?? genome.name;
  const script = [
    '#!/usr/bin/env python3',
    `"""${genome.name.replace(/"""/g, "'''")}`,
    '',
    `Exported from Neuroplay (${from}) for Brian2. Run it with`,
    '',
    '    python3 this_file.py',
    '',
    'It builds the same populations, projections, delays, inputs and plastic rules;',
    "Brian2 draws its own random numbers, so the network is Neuroplay's in",
    'distribution, not spike for spike. At the end it prints one JSON line: each',
    "population's mean rate (Hz) and each plastic projection's weight distribution",
    '(count, mean, sd, percentiles) before and after the run.',
    ...(options.state ? stateDocLines(options.state, genome.dt_ms, 'synaptic inputs, spike traces') : []),
    ...(ctx.warnings.length ? ['', 'Left out (no Brian2 equivalent):', ...ctx.warnings.map((w) => `  - ${w}`)] : []),
    '"""',
    'import json',
    ...(options.state ? ['import os'] : []),
    '',
    'import numpy as np',
    'from brian2 import (Hz, ms, mV, NeuronGroup, Synapses, SpikeMonitor, Network, clip, defaultclock, prefs, second, seed)',
    '',
    "prefs.codegen.target = 'numpy'  # no compilation; 'cython' runs faster after compiling",
    `SEED = ${genome.seed}`,
    `DT_MS = ${py(genome.dt_ms)}`,
    `DURATION_S = ${py(options.durationS)}`,
    'seed(SEED)  # Brian2\'s own draws: Poisson inputs, connect(p=...)',
    'defaultclock.dt = DT_MS * ms',
    DRAW_HELPERS + WEIGHT_SUMMARY_HELPER,
    ...(options.state ? stateLoadLines(options.state) : []),
    ...populationLines,
    ...projectionLines,
    '',
    '# --- run and report ---',
    `groups = {${genome.populations.map((p, i) => `${JSON.stringify(p.name)}: ${names[i]}`).join(', ')}}`,
    'monitors = {label: SpikeMonitor(group, record=False) for label, group in groups.items()}',
    `plastic = {${plastic.map((p) => `${JSON.stringify(p.label)}: ${p.name}`).join(', ')}}`,
    `net = Network(*groups.values(), *monitors.values()${synapses.map((name) => `, ${name}`).join('')})`,
    'weights_start = {label: weight_summary(s.w[:]) for label, s in plastic.items()}',
    'net.run(DURATION_S * second)',
    'print(json.dumps({',
    "    'duration_s': DURATION_S,",
    "    'rates_hz': {label: float(np.sum(m.count[:])) / (max(1, len(groups[label])) * DURATION_S) for label, m in monitors.items()},",
    "    'weights_start': weights_start,",
    "    'weights': {label: weight_summary(s.w[:]) for label, s in plastic.items()},",
    '}))',
    '',
  ].join('\n');
  return { script, warnings: ctx.warnings };
}
