#include "tests/support/population/population.hpp"

#include "tests/support/population/internal/generator.hpp"

namespace minegate::test::population {

std::size_t Population::EventCount() const {
  std::size_t count = 0;
  for (const auto& stream : streams) count += stream.size();
  return count;
}

Population GeneratePopulation(const PopulationOptions& options, const Fleet& fleet) {
  internal::Generator generator(options, fleet);
  // The cases first: they reserve the names of the notices before anyone is drawn.
  internal::AddEmbeddedCases(generator);
  internal::AddNoticeNamesakes(generator);
  while (generator.ordinary_count() < options.ordinary_persons) {
    internal::AddOrdinaryHousehold(generator);
  }
  Population population;
  population.start_ms = generator.start_ms();
  population.end_ms = generator.end_ms();
  population.persons = std::move(generator.persons());
  population.notices = std::move(generator.notices());
  population.streams = generator.timeline().Finish();
  population.error = generator.timeline().error();
  return population;
}

}  // namespace minegate::test::population
