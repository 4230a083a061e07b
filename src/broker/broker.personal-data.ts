import { Injectable } from '@nestjs/common';
import { PersonalDataPolicy, type PersonalDataHolder } from '../privacy/personal-data';

/** The broker's table, and what erasing a contact does to it. */
@Injectable()
@PersonalDataPolicy()
export class BrokerPersonalData implements PersonalDataHolder {
  readonly tables = {
    broker_messages:
      "event ids and stream positions only; the contact's messages in the NATS stream are deleted when its contact.erased is published (after every earlier event of the contact), and these rows with them",
  };
}
