"""Messages to senders outside the government: email through SES, SMS through SNS."""

from __future__ import annotations

from aws_lambda_powertools import Logger

from chalicelib.adapters import aws

logger = Logger(child=True)


class SenderNotifier:
    """Sends one short message to a sender's email and/or phone."""

    def __init__(self, from_address: str, region: str) -> None:
        self.from_address = from_address
        self.region = region

    def email(self, to: str, subject: str, text: str) -> None:
        """One plain-text email (SES; the from address is a verified identity)."""
        aws.client("ses", self.region).send_email(
            Source=self.from_address, Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": subject, "Charset": "UTF-8"},
                     "Body": {"Text": {"Data": text, "Charset": "UTF-8"}}},
        )

    def email_with_attachment(self, to: str, subject: str, text: str, filename: str, data: bytes,
                              content_type: str = "application/pdf") -> str:
        """One email with a file attached (SES raw message); the SES message id."""
        from email.message import EmailMessage

        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.from_address, to, subject
        message.set_content(text, charset="utf-8")
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        result = aws.client("ses", self.region).send_raw_email(
            Source=self.from_address, Destinations=[to], RawMessage={"Data": message.as_bytes()})
        return str(result["MessageId"])

    def sms(self, phone_e164: str, text: str) -> None:
        """One transactional SMS (SNS)."""
        aws.client("sns", self.region).publish(
            PhoneNumber=phone_e164, Message=text[:300],
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                               "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": "KANTORVRT"}},
        )
