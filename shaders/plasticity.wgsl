// Stage `plasticity`: being written (see src/sim/gpu/stages/).
