// isa_pin: caps the instruction set the Highway kernels dispatch to, so that float results can be made the
// same on every x86-64 machine.
//
// Why: the kernels' lane sums (and so the last bits of every normaliser, and of everything computed from it)
// depend on the vector width the dispatcher picks (4 lanes on SSE4, 8 on AVX2, 16 on AVX-512). Each target is
// within the documented error bounds; they are just not the same bits. A run that must give byte-identical
// JSON on any machine (the approval baselines, a report to be compared across machines) pins a target that
// every x86-64 machine of the last 15 years runs and every compiler builds the same: `sse4` (4 lanes, no FMA,
// so no contraction either). (`scalar`, HWY_SCALAR, exists only where the build compiled it: GCC builds do;
// clang's baseline is EMU128 and cannot be disabled, so there it is an InputError.)
//
// Names: scalar, ssse3, sse4, avx2, avx3 (AVX-512), avx3_dl; the cap disables every wider target (a target this
// build did not compile falls to the next narrower one) and replaces any earlier cap. A name this CPU cannot run, or an unknown one, is an InputError naming `field`. pin_kernels_isa_from_environment() reads
// $ATTNBOUND_KERNELS_ISA (unset or empty: no cap) and returns the target then in use.
#pragma once

#include <string>

namespace attnbound::kernels {

void pin_kernels_isa(const std::string& name, const std::string& field = "isa");
std::string pin_kernels_isa_from_environment();

}  // namespace attnbound::kernels
