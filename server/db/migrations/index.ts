import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_reference_data';
import * as m0002 from './0002_accessibility_report';
import * as m0003 from './0003_identity_and_access';
import * as m0004 from './0004_oidc_flow';
import * as m0005 from './0005_signals';
import * as m0006 from './0006_alerts';
import * as m0007 from './0007_mailbox';
import * as m0008 from './0008_imports';
import * as m0009 from './0009_cases';
import * as m0011 from './0011_case_list_indexes';
import * as m0012 from './0012_case_search';
import * as m0013 from './0013_import_speed';
import * as m0014 from './0014_grant_case_scope';
import * as m0015 from './0015_case_scope_tally';
import * as m0016 from './0016_case_search_open';
import * as m0017 from './0017_worklist_order';
import * as m0018 from './0018_case_search_terms';

/** Forward-only migrations, in order. Add a file and list it here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_reference_data': m0001,
  '0002_accessibility_report': m0002,
  '0003_identity_and_access': m0003,
  '0004_oidc_flow': m0004,
  '0005_signals': m0005,
  '0006_alerts': m0006,
  '0007_mailbox': m0007,
  '0008_imports': m0008,
  '0009_cases': m0009,
  '0011_case_list_indexes': m0011,
  '0012_case_search': m0012,
  // 0010 was never released under that number: the import-speed migration came after 0011 and 0012 had run.
  '0013_import_speed': m0013,
  '0014_grant_case_scope': m0014,
  '0015_case_scope_tally': m0015,
  '0016_case_search_open': m0016,
  '0017_worklist_order': m0017,
  '0018_case_search_terms': m0018,
};
