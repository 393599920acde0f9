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

  it('shows a union kind read-only and applies a choice', () => {
    const onApply = vi.fn();
    render(<GenomeEditor genome={tiny()} onApply={onApply} />);
    const group = openGroup('population E');
    expect(within(group).getByLabelText('neuron.model')).toHaveProperty('disabled', true);
    fireEvent.change(within(group).getByLabelText('role'), { target: { value: 'output' } });
    fireEvent.click(applyButton());
    expect(onApply.mock.calls[0][0].populations[1].role).toBe('output');
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
