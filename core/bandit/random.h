// A seeded pseudo-random generator for the core (the core has no unseeded randomness): xoshiro256**
// (Blackman & Vigna) seeded through SplitMix64, plus the draws Thompson sampling and the
// statistics tests need. The integer stream is identical on every target; the real-valued
// draws use only +, *, /, sqrt (correctly rounded everywhere) and log, so native and wasm can
// differ only where the platform's log differs in the last bit.
#pragma once

#include <cstdint>

namespace tailor::bandit {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();
  // Uniform on [0, 1) with 53 random bits.
  double uniform();
  // Standard normal (Marsaglia's polar method).
  double normal();
  // Gamma(shape, 1) for shape > 0 (Marsaglia & Tsang 2000; shape < 1 by the boost
  // U^(1/shape) with pow written as exp(log(U)/shape)).
  double gamma(double shape);
  // Beta(a, b) for a, b > 0, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
  double beta(double a, double b);

 private:
  std::uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace tailor::bandit
