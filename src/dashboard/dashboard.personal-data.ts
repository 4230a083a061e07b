import { Injectable } from '@nestjs/common';
import { PersonalDataPolicy, type PersonalDataHolder } from '../privacy/personal-data';

/** The dashboard's tables: sign-in links and sessions, no contact's data. */
@Injectable()
@PersonalDataPolicy()
export class DashboardPersonalData implements PersonalDataHolder {
  readonly tables = {
    dashboard_sign_in_links:
      'hashes of one-time sign-in tokens, their workspace and times: no contact data',
    dashboard_sessions:
      'hashes of session ids, their workspace, CSRF tokens and times: no contact data',
  };
}
