import type { DemoContributor } from '@server/core/module';
import { compose, tinyPng, wideMessage } from './mailbox.fixtures';
import { type MailboxSettings, receiveMessage } from './mailbox.service';

/**
 * A few weeks of the regional mailbox per region, all fictional (example.test): reports from
 * citizens, some with a photo, one forwarded by a municipal team, and two that cannot be read (a
 * MIME bomb and a file that is no e-mail), so the ketenregisseur's page has something to show.
 */
const subjects = [
  'Vreemde gang van zaken bij de nagelstudio',
  'Busje met arbeiders, elke ochtend om vijf uur',
  'Zorgen om een buurmeisje',
  'Te veel mensen in één huis',
  'Melding via de website lukte niet',
  'Man bij het station lijkt gedwongen te bedelen',
];
const texts = [
  'Al een paar weken zie ik steeds andere jonge vrouwen die daar ook slapen. Ze lijken bang als je ze aanspreekt.',
  'Ze worden opgehaald door dezelfde man en komen pas ’s avonds laat terug. Het huis is veel te klein voor zoveel mensen.',
  'Ze heeft ineens dure spullen en wordt na school opgehaald door een veel oudere man.',
  'Ik weet niet of het iets is, maar ik wilde het toch melden.',
];

export const mailboxDemo: DemoContributor = async (db, { faker, sizes, regions }) => {
  const perRegion = sizes.mailboxMessages ?? 0;
  let messages = 0;
  for (const region of regions) {
    const settings: MailboxSettings = {
      regionCode: region,
      limits: { maxMessageBytes: 25 * 1024 * 1024, maxDepth: 12, maxParts: 250, maxDecodedBytes: 50 * 1024 * 1024 },
      attachmentMaxBytes: 10 * 1024 * 1024,
      pollSeconds: 60,
    };
    for (let i = 0; i < perRegion; i++) {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      const from = `${first} ${last} <${faker.internet.username({ firstName: first, lastName: last }).toLowerCase()}@burger.example.test>`;
      const date = faker.date.recent({ days: 42, refDate: new Date() });
      const subject = faker.helpers.arrayElement(subjects);
      const text = `Beste meldpunt,\n\n${faker.helpers.arrayElement(texts)}\n\nGroet,\n${first}`;
      const raw =
        i === 1
          ? await compose({
              from: 'Wijkteam (demo) <wijkteam@gemeente.example.test>',
              subject: `Doorst: ${subject}`,
              date,
              messageId: `<demo-${region}-${i}@gemeente.example.test>`,
              text: `Graag oppakken, zie hieronder.\n\n-------- Doorgestuurd bericht --------\nVan: ${from}\nOnderwerp: ${subject}\n\n${text}`,
            })
          : await compose({
              from,
              subject,
              date,
              messageId: `<demo-${region}-${i}@burger.example.test>`,
              text,
              ...(i % 4 === 0 ? { attachments: [{ filename: 'foto.png', content: tinyPng }] } : {}),
            });
      await receiveMessage(db, settings, raw, { source: 'imap' });
      messages += 1;
    }
    if (perRegion > 0) {
      await receiveMessage(db, { ...settings, limits: { ...settings.limits, maxParts: 50 } }, wideMessage(300), { source: 'imap' });
      await receiveMessage(db, settings, Buffer.from(`Notitie ${region}: bel mevrouw terug over de melding van gisteren.\n`), { source: 'upload' });
      messages += 2;
    }
  }
  return { mailboxMessages: messages };
};
