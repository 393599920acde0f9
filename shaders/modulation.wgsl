// Stage `modulation`: being written (see src/sim/gpu/stages/).
