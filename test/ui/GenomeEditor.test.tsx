// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digitsGenome } from '@/model/presets/digits';
import { parseGenome, type Genome } from '@/model';
import { GenomeEditor } from '@/ui/GenomeEditor';
import { tinyGenome } from '../model/tiny-genome';

afterEach(cleanup);

/** The shared tiny genome, validated. */
const tiny = (): Genome => parseGenome(tinyGenome());


/** Opens a group by clicking its summary; returns the group. */
function openGroup(name: string): HTMLElement {
  const details = screen.getByText(name).closest('details')!;
  fireEvent.click(within(details).getByText(name));
  return details;
}

/** The text of the element an input's aria-describedby names, or null. */
function messageOf(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent ?? null : null;
}

const applyButton = () => screen.getByRole('button', { name: /^Apply/ });

describe('GenomeEditor', () => {
  it('size -5 shows "must be >= 0" beside the field and disables Apply; 50 re-enables it and onApply gets size 50', () => {
    const genome = tiny();
    const onApply = vi.fn();
    render(<GenomeEditor genome={genome} onApply={onApply} />);
    expect(applyButton()).toHaveProperty('disabled', true); // nothing edited yet
    const group = openGroup('population E');
    const size = within(group).getByLabelText('size');

    fireEvent.change(size, { target: { value: '-5' } });
    expect(size.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(size)).toBe('must be >= 0');
    expect(within(group).getByText('1 problem')).toBeTruthy();
    expect(applyButton().textContent).toBe('Apply (1 problem)');
    expect(applyButton()).toHaveProperty('disabled', true);
    fireEvent.click(applyButton());
    expect(onApply).not.toHaveBeenCalled();

    fireEvent.change(size, { target: { value: '50' } });
    expect(size.getAttribute('aria-invalid')).toBe('false');
    expect(messageOf(size)).toBeNull();
    expect(applyButton().textContent).toBe('Apply');
    expect(applyButton()).toHaveProperty('disabled', false);
    fireEvent.click(applyButton());
    expect(onApply).toHaveBeenCalledTimes(1);
    const applied: Genome = onApply.mock.calls[0][0];
    expect(applied).toEqual({ ...genome, populations: [genome.populations[0], { ...genome.populations[1], size: 50 }] });
  });

  it('Revert restores the genome: size back to "20", no message, Apply and Revert disabled', () => {
    render(<GenomeEditor genome={tiny()} onApply={() => {}} />);
    const size = within(openGroup('population E')).getByLabelText('size');
    fireEvent.change(size, { target: { value: '-5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revert' }));
    expect(size).toHaveProperty('value', '20');
    expect(messageOf(size)).toBeNull();
    expect(applyButton()).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Revert' })).toHaveProperty('disabled', true);
  });

  it('keeps a half-typed number as typed ("0." stays "0.") and names text that is no number', () => {
    render(<GenomeEditor genome={tiny()} onApply={() => {}} />);
    const dt = screen.getByLabelText('dt_ms');
    fireEvent.change(dt, { target: { value: '0.' } });
    expect(dt).toHaveProperty('value', '0.');
    // "0." reads as 0, below the 0.01 ms limit.
    expect(messageOf(dt)).toBe('must be >= 0.01 ms');
    fireEvent.change(dt, { target: { value: 'abc' } });
    expect(messageOf(dt)).toBe('must be a finite number');
  });

  it('shows a cross-field problem on its field: v_reset -40 mV above v_thresh -50 mV', () => {
    render(<GenomeEditor genome={tiny()} onApply={() => {}} />);
    const group = openGroup('population E');
    const vReset = within(group).getByLabelText('neuron.v_reset_mV');
    fireEvent.change(vReset, { target: { value: '-40' } });
    expect(messageOf(vReset)).toBe('v_reset_mV must be below v_thresh_mV');
    expect(messageOf(within(group).getByLabelText('neuron.v_thresh_mV'))).toBeNull();
  });

  it('lists a problem that names no field above the buttons: 2,000,000 targets need a row of ~1e6 slots, above 20,000', () => {
    render(<GenomeEditor genome={tiny()} onApply={() => {}} />);
    fireEvent.change(within(openGroup('population E')).getByLabelText('size'), { target: { value: '2000000' } });
    expect(screen.getByRole('listitem').textContent).toMatch(/^projections\.0\.row_capacity: \d+ exceeds the limit 20000$/);
    expect(applyButton().textContent).toBe('Apply (1 problem)');
  });

  it('applies a choice (role output), and switches the neuron model to Izhikevich: its fields replace the LIF ones and Apply sends it', () => {
    const onApply = vi.fn();
    render(<GenomeEditor genome={tiny()} onApply={onApply} />);
    const group = openGroup('population E');
    fireEvent.change(within(group).getByLabelText('role'), { target: { value: 'output' } });
    expect(within(group).getByLabelText('neuron.tau_m_ms')).toBeTruthy();
    fireEvent.change(within(group).getByLabelText('neuron.model'), { target: { value: 'izhikevich' } });
    expect(within(group).queryByLabelText('neuron.tau_m_ms')).toBeNull();
    expect(within(group).getByLabelText('neuron.preset')).toHaveProperty('value', 'regular_spiking');
    expect(within(group).getByLabelText('neuron.tau_e_ms')).toHaveProperty('value', '5');
    fireEvent.click(applyButton());
    const applied: Genome = onApply.mock.calls[0][0];
    expect(applied.populations[1].role).toBe('output');
    expect(applied.populations[1].neuron).toMatchObject({ model: 'izhikevich', preset: 'regular_spiking' });
  });

  it('adds dopamine-gated STDP to a projection (Add plasticity: stdp, then plasticity.modulation) and applies it; Remove takes it off', () => {
    const onApply = vi.fn();
    render(<GenomeEditor genome={tiny()} onApply={onApply} />);
    const group = openGroup('projection in->E');
    const addChoice = () => within(group).getByLabelText('Part to add to projection in->E');
    fireEvent.change(addChoice(), { target: { value: [...(addChoice() as HTMLSelectElement).options].find((o) => o.text === 'plasticity: stdp')!.value } });
    fireEvent.click(within(group).getByRole('button', { name: 'Add' }));
    expect(within(group).getByLabelText('plasticity.a_plus')).toHaveProperty('value', '0.01');
    fireEvent.change(addChoice(), { target: { value: [...(addChoice() as HTMLSelectElement).options].find((o) => o.text === 'plasticity.modulation')!.value } });
    fireEvent.click(within(group).getByRole('button', { name: 'Add' }));
    expect(within(group).getByLabelText('plasticity.modulation.modulator')).toHaveProperty('value', 'dopamine');
    fireEvent.change(within(group).getByLabelText('plasticity.modulation.learning_rate'), { target: { value: '0.05' } });
    fireEvent.click(applyButton());
    expect(onApply.mock.calls[0][0].projections[0].plasticity).toEqual({
      rule: 'stdp',
      form: 'additive',
      a_plus: 0.01,
      a_minus: 0.0105,
      w_min: 0,
      w_max: 1,
      modulation: { modulator: 'dopamine', tau_eligibility_ms: 1000, learning_rate: 0.05 },
    });

    // Remove offers what the draft has, in the genome's order: plasticity, then its gate.
    const removeChoice = within(group).getByLabelText('Part to remove from projection in->E') as HTMLSelectElement;
    expect([...removeChoice.options].map((o) => o.text)).toEqual(['plasticity', 'plasticity.modulation']);
    fireEvent.click(within(group).getByRole('button', { name: 'Remove' }));
    expect(within(group).queryByLabelText('plasticity.a_plus')).toBeNull();
    fireEvent.click(applyButton());
    expect(onApply.mock.calls[1][0].projections[0].plasticity).toBeUndefined();
  });

  it('an added part that needs a value shows it empty with its problem, and Apply waits for it: normalization.total', () => {
    render(<GenomeEditor genome={tiny()} onApply={() => {}} />);
    const group = openGroup('projection in->E');
    const addChoice = within(group).getByLabelText('Part to add to projection in->E') as HTMLSelectElement;
    fireEvent.change(addChoice, { target: { value: [...addChoice.options].find((o) => o.text === 'normalization')!.value } });
    fireEvent.click(within(group).getByRole('button', { name: 'Add' }));
    const total = within(group).getByLabelText('normalization.total');
    expect(total).toHaveProperty('value', '');
    expect(messageOf(total)).toBe('must be a finite number');
    expect(applyButton()).toHaveProperty('disabled', true);
    fireEvent.change(total, { target: { value: '20' } });
    expect(applyButton()).toHaveProperty('disabled', false);
  });

  it('renders the digits genome lazily: 3 general inputs while groups are closed, 15 more when Ae opens', () => {
    render(<GenomeEditor genome={parseGenome(digitsGenome())} onApply={() => {}} />);
    expect(screen.getAllByRole('textbox')).toHaveLength(3); // name, seed, dt_ms
    // Ae: size, 10 LIF parameters, init_v_mV.value, trace.tau_ms, 2 adaptive-threshold parameters.
    expect(within(openGroup('population Ae')).getAllByRole('textbox')).toHaveLength(15);
    expect(screen.getAllByRole('textbox')).toHaveLength(18);
  });

  it('Close calls onClose', () => {
    const onClose = vi.fn();
    render(<GenomeEditor genome={tiny()} onApply={() => {}} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
