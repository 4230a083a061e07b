import { Injectable } from '@nestjs/common';
import { type PersonalDataHolder, PersonalDataPolicy } from '../privacy/personal-data';

/** The API keys module's table: no personal data of contacts. */
@Injectable()
@PersonalDataPolicy()
export class ApiKeysPersonalData implements PersonalDataHolder {
  readonly tables = {
    api_keys:
      'key hashes, display prefixes, labels, scopes and dates: no personal data of a contact',
  };
}
