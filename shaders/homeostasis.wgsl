// Stage `homeostasis`: being written (see src/sim/gpu/stages/).
