import { Injectable } from '@nestjs/common';
import { type PersonalDataHolder, PersonalDataPolicy } from '../privacy/personal-data';

/** The workspaces module's table: no personal data of contacts. */
@Injectable()
@PersonalDataPolicy()
export class WorkspacesPersonalData implements PersonalDataHolder {
  readonly tables = {
    workspaces: "the workspace's slug, name and default country: no personal data of a contact",
  };
}
