#pragma once

#include <memory>
#include <utility>

namespace corolint::rt::detail {

/// What a move-only half of a channel is made of: a share of the channel's
/// state, and the call that tells the state this half is gone (`Drop`),
/// made when the half is destroyed or assigned over. A moved-from half
/// holds no state.
template <class State, void (State::*Drop)() noexcept> class ChannelEnd {
public:
  ChannelEnd(ChannelEnd &&) noexcept = default;
  ChannelEnd &operator=(ChannelEnd &&other) noexcept {
    if (this != &other) {
      drop();
      state_ = std::move(other.state_);
    }
    return *this;
  }
  ChannelEnd(const ChannelEnd &) = delete;
  ChannelEnd &operator=(const ChannelEnd &) = delete;
  ~ChannelEnd() { drop(); }

protected:
  explicit ChannelEnd(std::shared_ptr<State> state) noexcept
      : state_(std::move(state)) {}

  std::shared_ptr<State> state_;

private:
  void drop() noexcept {
    if (state_)
      (std::exchange(state_, nullptr).get()->*Drop)();
  }
};

} // namespace corolint::rt::detail
