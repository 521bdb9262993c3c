/** One problem found in a scenario: where (a field path such as `hall.rows[2].racks[5].power`) and what. */
export interface ScenarioIssue {
  path: string;
  message: string;
}
