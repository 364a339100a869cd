using Xunit;

// Each browser test starts its own app and Chromium; on a two-core machine running two at once starved the timing-sensitive ones
// (the projector's one second, page loads within 30 s). One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
