#include "scaleout/process_group.hpp"

#include <cstdlib>
#include <stdexcept>

#if ATTNBOUND_HAVE_MPI
#include <mpi.h>
#endif

namespace attnbound::scaleout {

namespace {
ProcessGroup& mutable_world() {
  static ProcessGroup group;
  return group;
}

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (const char* v = std::getenv(name); v && *v) return true;
  return false;
}
}  // namespace

const ProcessGroup& ProcessGroup::world() { return mutable_world(); }

bool built_with_mpi() { return ATTNBOUND_HAVE_MPI != 0; }

#if ATTNBOUND_HAVE_MPI

MpiSession::MpiSession(int* argc, char*** argv) {
  if (!launched_by_mpi()) return;
  MPI_Init(argc, argv);
  initialised_ = true;
  ProcessGroup& w = mutable_world();
  MPI_Comm_rank(MPI_COMM_WORLD, &w.rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &w.size_);
  w.mpi_ = true;
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

std::vector<std::string> ProcessGroup::gather_to_root(const std::string& text) const {
  if (!mpi_ || size_ == 1) return {text};
  if (text.size() > static_cast<std::size_t>(1) << 30) throw std::length_error("gather_to_root: more than 1 GiB from one rank");
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(static_cast<std::size_t>(size_)), offsets(static_cast<std::size_t>(size_));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (rank_ == 0) {
    long total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
      total += lengths[static_cast<std::size_t>(r)];
    }
    if (total > (1L << 31) - 1) throw std::length_error("gather_to_root: more than 2 GiB in all");
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank_ != 0) return {};
  std::vector<std::string> out;
  for (int r = 0; r < size_; ++r)
    out.push_back(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                             static_cast<std::size_t>(lengths[static_cast<std::size_t>(r)])));
  return out;
}

std::string ProcessGroup::broadcast_from_root(const std::string& text) const {
  if (!mpi_ || size_ == 1) return text;
  long length = static_cast<long>(text.size());
  MPI_Bcast(&length, 1, MPI_LONG, 0, MPI_COMM_WORLD);
  std::string out = rank_ == 0 ? text : std::string(static_cast<std::size_t>(length), '\0');
  MPI_Bcast(out.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
  return out;
}

void ProcessGroup::abort(int code) const {
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

SharedCounter::SharedCounter(const ProcessGroup& group) : group_(group) {
  if (!group_.uses_mpi() || group_.size() == 1) return;
  auto* win = new MPI_Win;
  const MPI_Aint bytes = group_.is_root() ? static_cast<MPI_Aint>(sizeof(long)) : 0;
  MPI_Win_allocate(bytes, sizeof(long), MPI_INFO_NULL, MPI_COMM_WORLD, &memory_, win);
  if (group_.is_root()) *memory_ = 0;
  MPI_Barrier(MPI_COMM_WORLD);  // the counter is 0 before anyone takes a value
  MPI_Win_lock_all(0, *win);
  window_ = win;
}

SharedCounter::~SharedCounter() {
  if (!window_) return;
  auto* win = static_cast<MPI_Win*>(window_);
  MPI_Win_unlock_all(*win);
  MPI_Win_free(win);
  delete win;
}

long SharedCounter::next() {
  if (!window_) return local_++;
  auto* win = static_cast<MPI_Win*>(window_);
  const long one = 1;
  long value = 0;
  MPI_Fetch_and_op(&one, &value, MPI_LONG, 0, 0, MPI_SUM, *win);
  MPI_Win_flush(0, *win);
  return value;
}

void SharedCounter::poll() const {
  if (!window_) return;
  int flag = 0;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
}

#else

SharedCounter::SharedCounter(const ProcessGroup& group) : group_(group) { (void)window_; (void)memory_; }
SharedCounter::~SharedCounter() = default;
long SharedCounter::next() { return local_++; }
void SharedCounter::poll() const {}

MpiSession::MpiSession(int*, char***) { (void)launched_by_mpi; }
MpiSession::~MpiSession() = default;

std::vector<std::string> ProcessGroup::gather_to_root(const std::string& text) const { return {text}; }
std::string ProcessGroup::broadcast_from_root(const std::string& text) const { return text; }
void ProcessGroup::abort(int code) const { std::exit(code); }

#endif

}  // namespace attnbound::scaleout
