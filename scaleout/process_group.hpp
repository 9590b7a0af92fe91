// One process, or the processes of an MPI job (issue 17): the only place attnbound talks to MPI.
//
// Contract: attnbound is built with MPI when CMake finds it (FindMPI; ATTNBOUND_HAVE_MPI), and the same binary
// runs alone or under `mpirun -n K`. MpiSession (constructed first thing in main) calls MPI_Init only when the
// process was started by an MPI launcher (Open MPI's OMPI_COMM_WORLD_SIZE, or PMI_SIZE / PMIX_RANK), so a plain
// run never touches MPI; without MPI, or alone, the group has one process of rank 0.
// Collectives (every rank must call them, in the same order):
//   gather_to_root(text): rank 0 receives every rank's text in rank order (its own first); others get {};
//   broadcast_from_root(text): every rank receives rank 0's text.
// abort(code): MPI_Abort on the whole job (a rank that fails must not leave the others waiting in a
// collective), std::exit(code) alone.
// Reference: MPI 3.1 standard, sections 5.5 (MPI_Gatherv), 5.4 (MPI_Bcast), 8.7 (MPI_Abort).
#pragma once

#include <string>
#include <vector>

namespace attnbound::scaleout {

class ProcessGroup {
 public:
  static const ProcessGroup& world();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  bool uses_mpi() const { return mpi_; }

  std::vector<std::string> gather_to_root(const std::string& text) const;
  std::string broadcast_from_root(const std::string& text) const;
  [[noreturn]] void abort(int code) const;

 private:
  friend class MpiSession;
  int rank_ = 0, size_ = 1;
  bool mpi_ = false;
};

// A counter shared by every process of the group, for dynamic work distribution: next() returns 0, 1, 2, ...
// across all processes together, each value to exactly one caller (MPI_Fetch_and_op on a window held by rank 0,
// passive target; alone, a plain counter). Construction and destruction are collective. poll() lets MPI make
// progress on rank 0 while it computes (call it now and then; a no-op alone).
class SharedCounter {
 public:
  explicit SharedCounter(const ProcessGroup& group);
  ~SharedCounter();
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;
  long next();
  void poll() const;

 private:
  const ProcessGroup& group_;
  long local_ = 0;
  void* window_ = nullptr;  // MPI_Win when the group uses MPI
  long* memory_ = nullptr;
};

// True when this binary was built with MPI.
bool built_with_mpi();

// MPI_Init / MPI_Finalize around main's lifetime when launched by mpirun (see above); a no-op otherwise.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

 private:
  bool initialised_ = false;
};

}  // namespace attnbound::scaleout
