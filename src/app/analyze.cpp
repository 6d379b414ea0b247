// placeholder: replaced by the analyze use case
