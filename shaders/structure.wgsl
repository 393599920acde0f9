// Stage `structure`: being written (see src/sim/gpu/stages/).
