import { describe, expect, it } from 'vitest';
import { parseGenome, PRESETS, validateGenome, type Genome } from '@/model';
import { addPart, fieldErrors, fieldKey, genomeForm, placeErrors, removePart, setField, switchKind, valueAt } from '@/model/edit';
import { tinyGenome } from './tiny-genome';

/** The shared tiny genome, validated. */
const tiny = (): Genome => parseGenome(tinyGenome());


/** The value at a path, walked here without the module's helper. */
const at = (root: unknown, path: readonly (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);

describe('genomeForm fields', () => {
  for (const preset of Object.values(PRESETS))
    it(`${preset.name}: every field reads back from the genome by its path, with a kind that fits its value`, () => {
      const genome = parseGenome(preset.genome({}));
      const fields = genomeForm(genome).fields;
      for (const field of fields) {
        expect(at(genome, field.path), fieldKey(field.path)).toBe(field.value);
        if (field.kind === 'number') expect(typeof field.value).toBe('number');
        if (field.kind === 'integer') expect(Number.isInteger(field.value)).toBe(true);
        if (field.kind === 'boolean') expect(typeof field.value).toBe('boolean');
        if (field.kind === 'choice') expect(field.choices).toContain(field.value);
      }
      // One size field per population, grouped under that population's name; names are not edited here.
      const sizes = fields.filter((f) => f.label === 'size');
      expect(sizes.map((f) => f.group)).toEqual(genome.populations.map((p) => `population ${p.name}`));
      expect(fields.some((f) => f.label === 'name' && f.group !== 'general')).toBe(false);
    });

  it('lists the general fields, a LIF population by its parameters, and a union kind as a choice that switches the kind', () => {
    const fields = genomeForm(tiny()).fields;
    expect(fields.filter((f) => f.group === 'general').map((f) => [f.label, f.kind])).toEqual([
      ['name', 'text'],
      ['seed', 'integer'],
      ['dt_ms', 'number'],
    ]);
    const labelsE = fields.filter((f) => f.group === 'population E').map((f) => f.label);
    expect(labelsE).toEqual(expect.arrayContaining(['size', 'neuron.tau_m_ms', 'neuron.v_reset_mV', 'neuron.v_thresh_mV', 'sign', 'role', 'trace.tau_ms']));
    const model = fields.find((f) => fieldKey(f.path) === 'populations.1.neuron.model');
    expect(model).toMatchObject({ kind: 'choice', switchesKind: true, value: 'lif', choices: ['lif', 'izhikevich', 'spike_source'] });
    // Choices come from the schema's enum: the four roles.
    expect(fields.find((f) => fieldKey(f.path) === 'populations.1.role')?.choices).toEqual(['sensor', 'hidden', 'output', 'modulatory']);
    expect(fields.find((f) => fieldKey(f.path) === 'projections.0.weight.value')).toMatchObject({ group: 'projection in->E', kind: 'number', value: 1 });
  });
});

describe('optional parts', () => {
  const parts = (list: { group: string; label: string; kinds?: string[] }[], group: string) => list.filter((p) => p.group === group).map((p) => (p.kinds ? `${p.label}: ${p.kinds.join('|')}` : p.label));

  it("lists the parts a population and a projection lack, a union's with its kinds, and none to remove in the tiny genome", () => {
    const form = genomeForm(tiny());
    expect(parts(form.addable, 'population E')).toEqual(['capacity', 'init_v_mV: constant|uniform|normal', 'adaptive_threshold', 'neurogenesis', 'negative_drive']);
    expect(parts(form.addable, 'projection in->E')).toEqual(['row_capacity', 'plasticity: stdp|diehl_cook|vogels', 'normalization', 'structural']);
    expect(form.removable).toEqual([]);
  });

  it('adds STDP with its defaults, then its dopamine gate (first modulator, dopamine), each a valid genome; Remove takes the gate off again', () => {
    const genome = tiny();
    const stdp = addPart(genome, ['projections', 0, 'plasticity'], 'stdp');
    expect(valueAt(stdp, ['projections', 0, 'plasticity'])).toEqual({ rule: 'stdp', form: 'additive', a_plus: 0.01, a_minus: 0.0105, w_min: 0, w_max: 1 });
    expect(fieldErrors(stdp)).toEqual(new Map());
    expect(parts(genomeForm(stdp as Genome).addable, 'projection in->E')).toContain('plasticity.modulation');
    const gated = addPart(stdp, ['projections', 0, 'plasticity', 'modulation']);
    expect(valueAt(gated, ['projections', 0, 'plasticity', 'modulation'])).toEqual({ modulator: 'dopamine', tau_eligibility_ms: 1000, learning_rate: 0.01 });
    expect(fieldErrors(gated)).toEqual(new Map());
    expect(parts(genomeForm(gated as Genome).removable, 'projection in->E')).toEqual(['plasticity', 'plasticity.modulation']);
    expect(removePart(gated, ['projections', 0, 'plasticity', 'modulation'])).toEqual(stdp);
    // Copied along the path only: the genome it started from has no plasticity.
    expect(genome.projections[0].plasticity).toBeUndefined();
  });

  it('adds a part that needs a value with it empty, shown as a field with its problem: normalization.total, capacity', () => {
    const normalized = addPart(tiny(), ['projections', 0, 'normalization']);
    expect(genomeForm(normalized as Genome).fields.filter((f) => f.label.startsWith('normalization')).map((f) => [f.label, f.value])).toEqual([['normalization.total', '']]);
    expect(fieldErrors(normalized)).toEqual(new Map([['projections.0.normalization.total', ['must be a finite number']]]));
    const pooled = addPart(tiny(), ['populations', 1, 'capacity']);
    expect(fieldErrors(pooled)).toEqual(new Map([['populations.1.capacity', ['must be an integer']]]));
    expect(fieldErrors(setField(pooled, ['populations', 1, 'capacity'], '40'))).toEqual(new Map());
  });

  it('switches a LIF neuron to Izhikevich (regular spiking) keeping the synaptic constants both have, a valid genome', () => {
    const switched = switchKind(tiny(), ['populations', 1, 'neuron', 'model'], 'izhikevich');
    expect(valueAt(switched, ['populations', 1, 'neuron'])).toEqual({ model: 'izhikevich', preset: 'regular_spiking', i_bias: 0, tau_e_ms: 5, tau_i_ms: 10, e_exc_mV: 0, e_inh_mV: -80 });
    expect(fieldErrors(switched)).toEqual(new Map());
  });

  it('switches a connection probability to a fixed in-degree with k empty, for the person to give; an unknown kind or a non-kind path changes nothing', () => {
    const genome = tiny();
    const switched = switchKind(genome, ['projections', 0, 'connectivity', 'kind'], 'fixed_indegree');
    expect(genomeForm(switched as Genome).fields.filter((f) => f.label.startsWith('connectivity')).map((f) => [f.label, f.value])).toEqual([
      ['connectivity.kind', 'fixed_indegree'],
      ['connectivity.k', ''],
    ]);
    expect(fieldErrors(switched)).toEqual(new Map([['projections.0.connectivity.k', ['must be an integer']]]));
    expect(switchKind(genome, ['projections', 0, 'connectivity', 'kind'], 'all_to_all_twice')).toBe(genome);
    expect(switchKind(genome, ['populations', 1, 'sign'], 'inhibitory')).toBe(genome);
  });
});

describe('setField', () => {
  it('parses a number field and copies only along the path: tau_m "12.5" reads back 12.5, the original keeps 20', () => {
    const genome = tiny();
    const edited = setField(genome, ['populations', 1, 'neuron', 'tau_m_ms'], '12.5');
    expect(valueAt(edited, ['populations', 1, 'neuron', 'tau_m_ms'])).toBe(12.5);
    expect(genome.populations[1].neuron).toMatchObject({ tau_m_ms: 20 });
    expect(valueAt(edited, ['populations', 0])).toBe(genome.populations[0]);
    const result = validateGenome(edited);
    expect(result.ok && result.genome.populations[1].neuron).toMatchObject({ model: 'lif', tau_m_ms: 12.5 });
  });

  it('keeps text that is not a number as typed ("", "abc"), sets booleans and choices as given', () => {
    const genome = tiny();
    expect(valueAt(setField(genome, ['populations', 1, 'size'], ''), ['populations', 1, 'size'])).toBe('');
    expect(valueAt(setField(genome, ['dt_ms'], 'abc'), ['dt_ms'])).toBe('abc');
    expect(valueAt(setField(genome, ['projections', 0, 'autapses'], true), ['projections', 0, 'autapses'])).toBe(true);
    expect(valueAt(setField(genome, ['populations', 1, 'role'], 'output'), ['populations', 1, 'role'])).toBe('output');
    expect(valueAt(setField(genome, ['name'], '42'), ['name'])).toBe('42');
  });

  it('never throws on a path that leads nowhere: the genome comes back unchanged', () => {
    const genome = tiny();
    expect(setField(genome, ['populations', 9, 'size'], '1')).toEqual(genome);
    expect(setField(genome, ['populations', 1, 'adaptive_threshold', 'theta_plus_mV'], '1')).toEqual(genome);
    expect(setField(null, ['seed'], '1')).toBeNull();
  });
});

describe('fieldErrors', () => {
  it('a valid genome has none', () => {
    expect(fieldErrors(tiny()).size).toBe(0);
  });

  it('size -5 is reported at "populations.0.size" as "must be >= 0"', () => {
    const errors = fieldErrors(setField(tiny(), ['populations', 0, 'size'], '-5'));
    expect([...errors]).toEqual([['populations.0.size', ['must be >= 0']]]);
  });

  it('NaN text is reported, not thrown: "abc" in tau_m, "2.5" in a size', () => {
    let draft = setField(tiny(), ['populations', 1, 'neuron', 'tau_m_ms'], 'abc');
    draft = setField(draft, ['populations', 0, 'size'], '2.5');
    expect(Object.fromEntries(fieldErrors(draft))).toEqual({
      'populations.1.neuron.tau_m_ms': ['must be a finite number'],
      'populations.0.size': ['must be an integer'],
    });
  });

  it('a cross-field rule lands on its field: v_reset -50 mV is not below v_thresh -50 mV', () => {
    const errors = fieldErrors(setField(tiny(), ['populations', 1, 'neuron', 'v_reset_mV'], '-50'));
    expect(errors.get('populations.1.neuron.v_reset_mV')).toEqual(['v_reset_mV must be below v_thresh_mV']);
  });
});

describe('placeErrors', () => {
  it("puts a field error on its field, a part error on the part's first editable field, a list error on the form", () => {
    const fields = genomeForm(tiny()).fields;
    const weightNegative = fieldErrors(setField(tiny(), ['projections', 0, 'weight', 'value'], '-1'));
    expect(placeErrors(weightNegative, fields).byField.get('projections.0.weight.value')).toEqual([
      'weights are magnitudes and must be >= 0 (the source population sign gives the channel)',
    ]);
    const placed = placeErrors(
      new Map([
        ['populations', ['too many neurons']],
        ['populations.1', ['Unrecognized key: "colour"']],
        ['populations.1.size', ['must be >= 0']],
        ['projections.0.row_capacity', ['30000 exceeds the limit 20000']],
      ]),
      fields,
    );
    expect(Object.fromEntries(placed.byField)).toEqual({ 'populations.1.size': ['must be >= 0'] });
    expect(placed.formErrors).toEqual(['populations: too many neurons', 'populations.1: Unrecognized key: "colour"', 'projections.0.row_capacity: 30000 exceeds the limit 20000']);
  });
});
