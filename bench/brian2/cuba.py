"""CUBA in Brian2, timed: the reference that `npm run bench` compares against.

The network is Brian2's examples/CUBA.py, after Vogels & Abbott (2005),
"Signal propagation and logic gating in networks of integrate-and-fire
neurons", J. Neurosci. 25:10786: 80% excitatory LIF neurons, current-based
exponential synapses, dt = 0.1 ms. The one change is that the connection
probability is p = 80 / N, so each neuron receives 80 synapses on average at
every N (CUBA.py's p = 0.02 at N = 4000), as our preset does.

Run with Debian's Python, which has Brian2 2.5.1, Cython and g++:

    /usr/bin/python3 bench/brian2/cuba.py --neurons 4000 --duration 1 --seed 1 --mode cython

It prints one JSON line:
    mode, N, seed, duration_s, brian2 (version),
    build_s  code generation + compilation (+ connecting, see below), apart
    run_s    the simulation loop alone
    mean_rate_hz, spikes, synaptic_events (sum over spikes of the neuron's out-degree)

How build_s and run_s are measured:
- cpp_standalone: build_s is the wall time of device.build(compile=True,
  run=False), i.e. writing the C++ project and compiling it with make.
  run_s is the time Brian2's own binary measures around its network loop
  (Network::run in network.cpp, std::clock over the step loop, written to
  results/last_run_info.txt and read back as device._last_run_time); it
  excludes process start, allocating and connecting the synapses, and
  writing results. binary_s is the wall time of the whole binary, for
  reference. With --profile, profile_s gives Brian2's time per code object
  (Network.run(profile=True)); the timers add a little to run_s.
- cython / numpy (runtime modes): run_s is device._last_run_time, which
  Network.run sets to the wall time of its step loop (time.time() around it,
  core/network.py). build_s is everything before that loop: building the
  groups, connecting the synapses (generated, compiled and run) and
  Network.before_run (code generation and Cython compilation). Compiled
  Cython extensions go to a fresh temporary cache, so every run pays the
  full compilation, as a first run would.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

MODES = ('cpp_standalone', 'cython', 'numpy')


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--neurons', type=int, default=4000, help='N, total neurons (default 4000)')
    parser.add_argument('--duration', type=float, default=1.0, help='simulated time, s (default 1)')
    parser.add_argument('--seed', type=int, default=1, help='seed of connectivity and initial v (default 1)')
    parser.add_argument('--mode', choices=MODES, default='cpp_standalone')
    parser.add_argument('--profile', action='store_true',
                        help="add Brian2's time per code object (state update, threshold, synapses, ...) as profile_s")
    args = parser.parse_args(argv)
    if args.neurons < 100:
        parser.error('--neurons must be at least 100')
    if args.duration <= 0:
        parser.error('--duration must be > 0')
    return args


def simulate(neurons, duration_s, seed_value, mode, workdir, profile):
    # Imported here so --help works without loading Brian2 (several seconds).
    import numpy as np
    import brian2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, defaultclock,
                        device, ms, mV, second, prefs, seed, set_device)

    brian2.BrianLogger.log_level_error()
    if mode == 'cpp_standalone':
        set_device('cpp_standalone', directory=workdir, build_on_run=False)
    else:
        prefs.codegen.target = mode
        prefs.codegen.runtime.cython.cache_dir = os.path.join(workdir, 'cython_cache')

    t_setup = time.perf_counter()
    seed(seed_value)
    defaultclock.dt = 0.1 * ms

    taum = 20 * ms
    taue = 5 * ms
    taui = 10 * ms
    Vt = -50 * mV
    Vr = -60 * mV
    El = -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(neurons, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV

    we = (60 * 0.27 / 10) * mV  # excitatory synaptic weight (voltage)
    wi = (-20 * 4.5 / 10) * mV  # inhibitory synaptic weight
    n_exc = int(round(0.8 * neurons))
    p = min(1.0, 80.0 / neurons)
    # Subgroups rather than CUBA.py's connect('i<3200', p=...): the same
    # synapses in distribution, but Brian2 turns connect(p=...) into
    # sample(N_post, p) and so never visits the N^2 pairs (64k neurons would
    # be 4e9 pairs). i == j is allowed, as in CUBA.py.
    Ce = Synapses(P[:n_exc], P, on_pre='ge += we')
    Ci = Synapses(P[n_exc:], P, on_pre='gi += wi')
    Ce.connect(p=p)
    Ci.connect(p=p)
    s_mon = SpikeMonitor(P, record=False)
    net = Network(P, Ce, Ci, s_mon)

    namespace = dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El, we=we, wi=wi)
    result = dict(mode=mode, N=neurons, seed=seed_value, duration_s=duration_s, brian2=brian2.__version__)
    if mode == 'cpp_standalone':
        net.run(duration_s * second, namespace=namespace, profile=profile)
        t_build = time.perf_counter()
        device.build(directory=workdir, compile=True, run=False, with_output=False)
        result['build_s'] = time.perf_counter() - t_build
        t_binary = time.perf_counter()
        device.run(workdir, with_output=False, run_args=[])
        result['binary_s'] = time.perf_counter() - t_binary
        result['run_s'] = float(device._last_run_time)
    else:
        net.run(duration_s * second, namespace=namespace, profile=profile)
        run_s = float(device._last_run_time)
        result['run_s'] = run_s
        result['build_s'] = time.perf_counter() - t_setup - run_s

    if profile:
        result['profile_s'] = {name: float(t / second) for name, t in net.profiling_info}

    counts = np.asarray(s_mon.count[:], dtype=np.int64)
    out_degree = np.bincount(np.asarray(Ce.i[:]), minlength=n_exc).astype(np.int64)
    out_degree = np.concatenate([out_degree, np.bincount(np.asarray(Ci.i[:]), minlength=neurons - n_exc).astype(np.int64)])
    spikes = int(counts.sum())
    result['spikes'] = spikes
    result['synapses'] = int(out_degree.sum())
    result['synaptic_events'] = int((counts * out_degree).sum())
    result['mean_rate_hz'] = spikes / (neurons * duration_s)
    return result


def main(argv):
    args = parse_args(argv)
    warnings.filterwarnings('ignore')
    workdir = tempfile.mkdtemp(prefix='neuroplay-brian2-')
    try:
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            result = simulate(args.neurons, args.duration, args.seed, args.mode, os.path.join(workdir, 'project'), args.profile)
        finally:
            os.chdir(cwd)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result), flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])
