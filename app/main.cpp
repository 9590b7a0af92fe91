// attnbound: numerical verification of the theory of softmax attention (arXiv 2508.17821).
#include "app/commands.hpp"
#include "kernels/isa_pin.hpp"
#include "scaleout/process_group.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>

#ifndef ATTNBOUND_VERSION
#define ATTNBOUND_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace attnbound;
  // Under mpirun every rank runs the same command; rank 0 alone prints results (scaleout/process_group.hpp).
  const scaleout::MpiSession mpi(&argc, &argv);
  const scaleout::ProcessGroup& group = scaleout::ProcessGroup::world();
  if (!group.is_root() && !std::freopen("/dev/null", "w", stdout)) return cli::kExitInternal;
  // A failing rank ends the whole job with its message and exit code: the others may be waiting in a collective.
  const auto fail = [&group](int code) {
    if (group.size() > 1) group.abort(code);
    return code;
  };
  const std::string who = group.size() > 1 ? fmt::format(" (rank {} of {})", group.rank(), group.size()) : "";
  CLI::App app{"attnbound: certified numerical verification of 'Limitations of Normalization in Attention "
               "Mechanism' (arXiv 2508.17821)"};
  app.set_version_flag("--version", std::string("attnbound ") + ATTNBOUND_VERSION +
                                        (scaleout::built_with_mpi() ? " (MPI)" : ""));
  app.require_subcommand(1);
  std::vector<cli::Command> commands{cli::register_eval(app)};
  commands.push_back(cli::register_search(app));  // counterexamples/ (issue 4)
  commands.push_back(cli::register_verify(app));  // verify/ (issue 3)
  commands.push_back(cli::register_proof(app));   // verify/ (issue 3)
  commands.push_back(cli::register_prove(app));   // prove/ (issue 14)
  commands.push_back(cli::register_tokenize(app));    // gpt2/ (issue 6)
  commands.push_back(cli::register_detokenize(app));  // gpt2/ (issue 6)
  commands.push_back(cli::register_gpt2(app));        // gpt2/ (issue 6)
  commands.push_back(cli::register_kernels(app));    // kernels/ (issue 5)
  commands.push_back(cli::register_normalisers(app));  // reports/ (issue 18)
  commands.push_back(cli::register_reproduce(app));  // reports/ (issue 7)
  commands.push_back(cli::register_report(app));     // reports/ (issue 7)
  commands.push_back(cli::register_check(app));      // check/ (issue 13)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? cli::kExitOk : cli::kExitBadInput;
  }
  try {
    kernels::pin_kernels_isa_from_environment();  // $ATTNBOUND_KERNELS_ISA, see kernels/isa_pin.hpp
    for (auto& c : commands)
      if (c.sub->parsed()) return c.run();
  } catch (const InputError& e) {
    fmt::print(stderr, "attnbound{}: error: {}\n", who, e.what());
    return fail(cli::kExitBadInput);
  } catch (const std::exception& e) {
    fmt::print(stderr, "attnbound{}: internal error: {}\n", who, e.what());
    return fail(cli::kExitInternal);
  }
  return cli::kExitInternal;
}
